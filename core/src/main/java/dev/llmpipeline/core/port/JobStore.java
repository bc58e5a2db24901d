package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Durable job state. Every state change is a single conditional write, so that concurrent submits, workers,
 * duplicate deliveries and cancels can never move a job backwards or give it a second result.
 * Implementations are thread-safe.
 */
public interface JobStore {

    /**
     * Stores a new job in state {@code queued}.
     *
     * @throws JobAlreadyExistsException if a job with the same id exists already
     */
    void create(Job job);

    /** Reads a job with a strongly consistent read. */
    Optional<Job> find(String jobId);

    /**
     * Deletes a job only while it is still {@code queued}: the submit side's compensation when the job could not be
     * enqueued, so that the API never leaves a stored job that nobody will process.
     *
     * @return whether the job was deleted
     */
    boolean deleteIfQueued(String jobId);

    /**
     * Claims a job for processing: {@code queued -> running}, or takes over a {@code running} job whose lease has
     * expired (its worker died). The claim carries a fresh token that {@link #complete} must present.
     *
     * @param attempt the delivery count of the job's message, stored as the job's attempts
     */
    ClaimResult claim(String jobId, Instant now, Duration lease, int attempt);

    /**
     * Stores a result under the claim that produced it. Fails the condition, and changes nothing, when the job is
     * no longer held by that claim: it was completed already, cancelled, or re-claimed after the lease ran out.
     *
     * @return whether this completion was stored
     */
    boolean complete(Completion completion);

    /**
     * Marks a job {@code failed} if nobody is working on it: it is queued, or running under a lease that has
     * expired (the dead-letter path). A job under a live lease is left to its worker, and a terminal job as it is.
     */
    FailResult failIfAbandoned(String jobId, JobError error, Instant now);

    /** Cancels a job while it is {@code queued}; any other state is left as it is. */
    CancelResult cancel(String jobId, Instant now);

    /**
     * Reserves an idempotency key for a job about to be created.
     *
     * @return empty if the key was free and is now reserved for {@code record.jobId()}; otherwise the record that
     *     holds it
     */
    Optional<IdempotencyRecord> reserveIdempotencyKey(IdempotencyRecord record);
}
