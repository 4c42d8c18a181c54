package nl.klaslijn.portal.app;

import nl.klaslijn.common.jobs.JobQueue;
import nl.klaslijn.common.jobs.MemoryJobQueue;
import nl.klaslijn.common.jobs.NotificationJob;
import nl.klaslijn.common.jobs.RedisJobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notification job queue portal-api enqueues into, by {@code klaslijn.jobs.engine}. */
@Configuration(proxyBeanMethods = false)
class JobQueueConfiguration {

    @Bean(destroyMethod = "close")
    JobQueue jobQueue(JobsProperties jobs) {
        if (jobs.engine() == JobsProperties.Engine.MEMORY) {
            return new MemoryJobQueue();
        }
        String uri = jobs.redis().uri();
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("klaslijn.jobs.engine=redis needs klaslijn.jobs.redis.uri (redis://host:port)");
        }
        return RedisJobQueue.connect(uri, NotificationJob.STREAM);
    }
}
