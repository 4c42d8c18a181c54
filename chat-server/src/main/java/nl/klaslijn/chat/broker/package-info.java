/**
 * Live fan-out between chat nodes: {@link nl.klaslijn.chat.broker.Broker}, with an in-memory engine
 * (one node, the embedded default) and a Redis pub/sub engine (a cluster), chosen by {@link
 * nl.klaslijn.chat.broker.BrokerSettings} through {@link nl.klaslijn.chat.broker.Brokers}. The broker is
 * the live path only (at most once); Cassandra stays the source of truth. See {@code docs/broker.md}.
 */
@NullMarked
package nl.klaslijn.chat.broker;

import org.jspecify.annotations.NullMarked;
