/**
 * Durable background jobs: {@link nl.klaslijn.common.jobs.JobQueue} (enqueue; consumer groups that claim, ack and
 * reclaim what a dead consumer left pending) with two engines, {@link nl.klaslijn.common.jobs.MemoryJobQueue} (one
 * node) and {@link nl.klaslijn.common.jobs.RedisJobQueue} (Redis Streams), and the jobs the services exchange
 * ({@link nl.klaslijn.common.jobs.NotificationJob}). {@code docs/events.md}, "Notification jobs".
 */
@NullMarked
package nl.klaslijn.common.jobs;

import org.jspecify.annotations.NullMarked;
