package dev.llmpipeline.submit;

import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.BatchRepresentation;
import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.BatchStore;
import dev.llmpipeline.core.port.JobQueue;
import dev.llmpipeline.core.port.JobStore;
import dev.llmpipeline.core.port.JobSummary;
import dev.llmpipeline.core.telemetry.LogKeys;
import dev.llmpipeline.core.telemetry.PipelineMetrics;
import dev.llmpipeline.core.trace.TraceScope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Accepts and cancels batches.
 *
 * <p>A batch is stored first in state {@code accepting}, invisible to everyone; then its jobs are written in chunks
 * of 25, each chunk enqueued (ten per send) as soon as it is stored, chunks in parallel; only when every job is stored and enqueued is the batch marked
 * {@code accepted} and the client answered 202. So an accepted batch never has a job that was stored but not
 * enqueued. If a write fails for good, what was stored is rolled back and the client gets an error; if the function
 * dies half-way, the client never got 202, the batch stays invisible, and its items expire with the table's TTL.
 * Thread-safe.
 */
public final class BatchSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSubmitter.class);
    /** Jobs per {@code BatchWriteItem}; the queue sends them on in batches of ten. */
    private static final int JOBS_PER_WRITE = 25;

    private final JobStore jobs;
    private final BatchStore batches;
    private final JobQueue queue;
    private final Executor executor;
    private final Clock clock;
    private final PipelineMetrics metrics;

    /**
     * @param executor runs the chunks of a batch in parallel
     * @param metrics  counts the jobs of each batch accepted
     */
    public BatchSubmitter(JobStore jobs, BatchStore batches, JobQueue queue, Executor executor, Clock clock,
                          PipelineMetrics metrics) {
        this.jobs = jobs;
        this.batches = batches;
        this.queue = queue;
        this.executor = executor;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Stores and enqueues every job of a validated upload; returns the batch as accepted.
     *
     * @param traceId the X-Ray trace of this upload, if traced: every job of the batch is in it
     */
    public BatchRepresentation submit(String owner, List<JobRequest> requests, Map<String, String> metadata,
                                      String traceId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Batch batch = new Batch(JobIds.newId(), owner, BatchState.ACCEPTING, now, null, requests.size(), metadata);
        List<Job> batchJobs = new ArrayList<>(requests.size());
        for (JobRequest request : requests) {
            batchJobs.add(Job.queued(JobIds.newId(), owner, request.prompt(),
                    new GenerationParams(request.maxNewTokens()), request.customId(), batch.batchId(),
                    request.metadata(), now, traceId));
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.BATCH_ID, batch.batchId())) {
            accept(batch, batchJobs);
        }
        Batch accepted = new Batch(batch.batchId(), owner, BatchState.ACCEPTED, now, null, requests.size(), metadata);
        return BatchRepresentation.of(accepted, batchJobs.stream()
                .map(job -> new JobSummary(job.jobId(), JobStatus.QUEUED, null, null)).toList());
    }

    private void accept(Batch batch, List<Job> batchJobs) {
        batches.createBatch(batch);
        try {
            // Each chunk is stored, then enqueued (10 per send), while other chunks are being stored: the table and
            // the queue work at once, and no job is ever enqueued before it is stored.
            inChunks(batchJobs, JOBS_PER_WRITE, chunk -> {
                batches.putJobs(chunk);
                queue.enqueue(chunk.stream().map(Job::jobId).toList());
            });
            batches.markAccepted(batch.batchId());
        } catch (RuntimeException e) {
            rollBack(batch, batchJobs, e);
            throw e;
        }
        metrics.jobsSubmitted(batchJobs.size());
        LOG.info("batch {} accepted: {} job(s)", batch.batchId(), batchJobs.size());
    }

    /**
     * Cancels every job of the batch that is still queued; running jobs finish.
     *
     * @throws ApiException 404 when there is no such batch of this owner
     */
    public BatchRepresentation cancel(String owner, String batchId) {
        Batch batch = visibleBatch(owner, batchId);
        List<JobSummary> before = batches.jobsOf(batchId);
        if (before.size() >= batch.total() && before.stream().allMatch(job -> job.status().isTerminal())) {
            return BatchRepresentation.of(batch, before); // it has ended: there is nothing left to cancel
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        batches.markCancelled(batchId, now);
        List<String> queued = before.stream()
                .filter(job -> job.status() == JobStatus.QUEUED).map(JobSummary::jobId).toList();
        inChunks(queued, JOBS_PER_WRITE, chunk -> chunk.forEach(jobId -> jobs.cancel(jobId, now)));
        Batch cancelled = new Batch(batchId, owner, BatchState.CANCELLED, batch.createdAt(), now, batch.total(),
                batch.metadata());
        return BatchRepresentation.of(cancelled, batches.jobsOf(batchId));
    }

    private Batch visibleBatch(String owner, String batchId) {
        if (!JobIds.isWellFormed(batchId)) {
            throw ApiException.notFound("batch", batchId);
        }
        return batches.findBatch(batchId).filter(found -> found.isVisibleTo(owner))
                .orElseThrow(() -> ApiException.notFound("batch", batchId));
    }

    /** Runs {@code action} on chunks of {@code items} in parallel and waits for all; rethrows the first failure. */
    private <T> void inChunks(List<T> items, int size, Consumer<List<T>> action) {
        List<CompletableFuture<Void>> chunks = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            List<T> chunk = items.subList(start, Math.min(items.size(), start + size));
            // The writes of a chunk belong to the trace of the request, whichever thread makes them.
            chunks.add(CompletableFuture.runAsync(TraceScope.current().wrap(() -> action.accept(chunk)), executor));
        }
        try {
            CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error death) {
                throw death; // the function is dying (out of memory, say): no rollback, no answer
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void rollBack(Batch batch, List<Job> batchJobs, RuntimeException cause) {
        LOG.error("batch {} of {} job(s) could not be accepted; rolling back", batch.batchId(), batchJobs.size(), cause);
        try {
            // Jobs already claimed by a worker are left to finish; their batch no longer exists for anyone.
            inChunks(batchJobs, JOBS_PER_WRITE, chunk -> chunk.forEach(job -> jobs.deleteIfQueued(job.jobId())));
            batches.deleteBatch(batch.batchId());
        } catch (RuntimeException rollbackFailure) {
            LOG.error("rollback of batch {} failed; its items expire with the table's TTL", batch.batchId(),
                    rollbackFailure);
        }
    }
}
