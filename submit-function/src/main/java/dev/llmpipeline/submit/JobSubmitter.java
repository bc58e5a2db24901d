package dev.llmpipeline.submit;

import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.CancelResult;
import dev.llmpipeline.core.port.IdempotencyRecord;
import dev.llmpipeline.core.port.JobAlreadyExistsException;
import dev.llmpipeline.core.port.JobQueue;
import dev.llmpipeline.core.port.JobStore;
import dev.llmpipeline.core.port.QueueException;
import dev.llmpipeline.core.telemetry.LogContext;
import dev.llmpipeline.core.telemetry.PipelineMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts and cancels jobs: the write side of the API.
 *
 * <p>A job is stored (as {@code queued}) before its message is sent, so a worker can never receive a message for a job
 * it cannot find. If the send fails the job is deleted again and the client gets an error, so nothing half-accepted
 * stays. A function that dies between the two writes never answered 202: the job was not accepted, and a retry with
 * the same {@code Idempotency-Key} finds it and sends its message again (duplicates are harmless: the worker's
 * conditional claim lets only one delivery produce a result). Thread-safe.
 */
public final class JobSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(JobSubmitter.class);

    /** A submitted job, and whether this request created it (202) or replayed an earlier one (200). */
    public record Submitted(Job job, boolean created) {}

    private final JobStore store;
    private final JobQueue queue;
    private final Clock clock;
    private final PipelineMetrics metrics;

    /** @param metrics counts the jobs accepted */
    public JobSubmitter(JobStore store, JobQueue queue, Clock clock, PipelineMetrics metrics) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Stores and enqueues a job, or returns the job an earlier request with the same idempotency key created.
     *
     * @param traceId the X-Ray trace of this request, if traced
     * @throws ApiException 409 when the idempotency key was used with another request
     */
    public Submitted submit(String owner, JobRequest request, Optional<String> idempotencyKey, String traceId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String jobId = JobIds.newId();
        if (idempotencyKey.isPresent()) {
            var reservation = new IdempotencyRecord(owner, idempotencyKey.get(), RequestHash.of(request), jobId, now);
            Optional<IdempotencyRecord> earlier = store.reserveIdempotencyKey(reservation);
            if (earlier.isPresent()) {
                return replay(earlier.get(), reservation, owner, request, traceId);
            }
        }
        Job job = newJob(jobId, owner, request, now, traceId);
        if (!createUnlessRetriedConcurrently(job)) {
            return new Submitted(store.find(jobId).orElseThrow(), false);
        }
        try (LogContext.Scope ignored = LogContext.forJob(jobId, null)) {
            enqueueOrRollBack(job);
            metrics.jobsSubmitted(1);
            LOG.info("job {} accepted: max_new_tokens {}", jobId, job.params().maxNewTokens());
        }
        return new Submitted(job, true);
    }

    /**
     * Cancels a queued job of this owner.
     *
     * @throws ApiException 404 when there is no such job of this owner, 409 when it is no longer queued
     */
    public Job cancel(String owner, String jobId) {
        if (!JobIds.isWellFormed(jobId)) {
            throw ApiException.notFound("job", jobId);
        }
        Job job = store.find(jobId).filter(found -> found.isOwnedBy(owner))
                .orElseThrow(() -> ApiException.notFound("job", jobId));
        CancelResult result = store.cancel(job.jobId(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (result instanceof CancelResult.Cancelled cancelled) {
            return cancelled.job();
        }
        if (result instanceof CancelResult.NotCancellable notCancellable) {
            throw new ApiException(ErrorCode.CONFLICT, "job " + jobId + " is " + notCancellable.job().status()
                    .wireName() + "; only a queued job can be cancelled", List.of());
        }
        throw ApiException.notFound("job", jobId);
    }

    private Submitted replay(IdempotencyRecord earlier, IdempotencyRecord attempt, String owner, JobRequest request,
                             String traceId) {
        if (!earlier.requestHash().equals(attempt.requestHash())) {
            throw new ApiException(ErrorCode.CONFLICT,
                    "Idempotency-Key was already used with a different request body");
        }
        Optional<Job> existing = store.find(earlier.jobId());
        if (existing.isEmpty()) {
            // The first attempt reserved the key and died before storing the job (or rolled it back): finish it now.
            Job job = newJob(earlier.jobId(), owner, request, earlier.createdAt(), traceId);
            if (createUnlessRetriedConcurrently(job)) {
                enqueueOrRollBack(job);
            }
            return new Submitted(store.find(job.jobId()).orElse(job), false);
        }
        if (existing.get().status() == JobStatus.QUEUED) {
            // The first attempt may have died before its message was sent; a second message is harmless.
            queue.enqueue(List.of(earlier.jobId()));
        }
        return new Submitted(existing.get(), false);
    }

    private static Job newJob(String jobId, String owner, JobRequest request, Instant now, String traceId) {
        return Job.queued(jobId, owner, request.prompt(), new GenerationParams(request.maxNewTokens()),
                request.customId(), null, request.metadata(), now, traceId);
    }

    /**
     * Creates the job; false when a concurrent retry with the same idempotency key (and, as its hash matched, the
     * same request) created it first, and enqueued it too.
     */
    private boolean createUnlessRetriedConcurrently(Job job) {
        try {
            store.create(job);
            return true;
        } catch (JobAlreadyExistsException e) {
            return false;
        }
    }

    private void enqueueOrRollBack(Job job) {
        try {
            queue.enqueue(List.of(job.jobId()));
        } catch (QueueException e) {
            boolean deleted = store.deleteIfQueued(job.jobId());
            LOG.error("job {} could not be enqueued; rolled back: {}", job.jobId(), deleted, e);
            throw e;
        }
    }
}
