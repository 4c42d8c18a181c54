package nl.klaslijn.common.jobs;

/** The job queue contract on the single-node engine. */
class MemoryJobQueueTest extends JobQueueContract {

    @Override
    JobQueue newQueue(String name) {
        return new MemoryJobQueue();
    }
}
