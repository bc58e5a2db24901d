package dev.llmpipeline.core.telemetry;

import dev.llmpipeline.core.job.JobErrorCode;
import java.time.Duration;

/**
 * The pipeline's business metrics, recorded where each event happens and published at the end of the invocation
 * (see {@link Telemetry#invoke}). Implementations are thread-safe: the worker records from several threads.
 */
public interface PipelineMetrics {

    /** {@code JobsSubmitted}: jobs accepted and enqueued by one request (1 for a job, the size of a batch). */
    void jobsSubmitted(int count);

    /** {@code QueueWait}: from the job's message being sent to the worker receiving it. */
    void queueWait(Duration wait);

    /** {@code ModelLatency} and {@code MicroBatchSize}: one endpoint call that answered, and its prompts. */
    void modelCall(int microBatchSize, Duration latency);

    /** {@code EndpointRetries}: a transient endpoint failure that is retried after a backoff. */
    void endpointRetry();

    /** {@code JobsSucceeded}: a job whose result was stored. */
    void jobSucceeded();

    /** {@code JobsFailed} with dimension {@code ErrorCode}: a job stored as failed. */
    void jobFailed(JobErrorCode code);
}
