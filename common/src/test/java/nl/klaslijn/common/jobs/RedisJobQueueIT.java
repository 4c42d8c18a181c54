package nl.klaslijn.common.jobs;

import nl.klaslijn.devstack.redis.TestRedis;

/** The job queue contract on the Redis Streams engine, against the suite's real redis-server ({@link TestRedis}). */
class RedisJobQueueIT extends JobQueueContract {

    @Override
    JobQueue newQueue(String name) {
        return RedisJobQueue.connect(TestRedis.shared().uri(), name);
    }
}
