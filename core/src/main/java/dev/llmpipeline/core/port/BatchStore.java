package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable batch state, beside the jobs of {@link JobStore}. Implementations are thread-safe. */
public interface BatchStore {

    /** Stores a new batch in state {@code accepting}. */
    void createBatch(Batch batch);

    /** Reads a batch with a strongly consistent read. */
    Optional<Batch> findBatch(String batchId);

    /** Marks a batch accepted: every job is stored and enqueued. */
    void markAccepted(String batchId);

    /** Marks an accepted batch cancelled; returns false if it was cancelled already. */
    boolean markCancelled(String batchId, Instant now);

    /** Deletes a batch that was never accepted (the submit side's rollback). */
    void deleteBatch(String batchId);

    /**
     * Stores new queued jobs in bulk (25 per request, as DynamoDB allows), writing again what a request left
     * unprocessed.
     *
     * @throws IllegalStateException if some jobs could not be written after retries
     */
    void putJobs(List<Job> jobs);

    /** Every job of a batch, in no particular order. Reads an index, so a just-written change may lag. */
    List<JobSummary> jobsOf(String batchId);

    /**
     * The batch's finished jobs after {@code after}, in the order they finished, up to {@code limit}, leaving out
     * those that finished at {@code settledBefore} or later (they may still be on their way into the index).
     * The jobs are as a result shows them: without their prompts.
     */
    ResultsPage results(String batchId, Optional<ResultsPosition> after, Instant settledBefore, int limit);
}
