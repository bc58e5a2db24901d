package dev.llmpipeline.core.port;

import java.util.List;

/** Hands jobs to the workers. Delivery is at least once: a job may arrive more than once, never zero times. */
public interface JobQueue {

    /**
     * Enqueues one message per job id.
     *
     * @throws QueueException if any job could not be enqueued after retries
     */
    void enqueue(List<String> jobIds);
}
