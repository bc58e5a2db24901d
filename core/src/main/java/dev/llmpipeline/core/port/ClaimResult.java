package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.Job;
import java.time.Instant;

/** The outcome of {@link JobStore#claim}. */
public sealed interface ClaimResult {

    /** The caller now holds the job until {@code leaseExpiresAt}. */
    record Claimed(Job job, String claimToken, Instant leaseExpiresAt) implements ClaimResult {}

    /** The job is terminal (done, failed or cancelled): acknowledge the message and do nothing. */
    record Finished(Job job) implements ClaimResult {}

    /** Another worker holds a live lease: let the message come back later and look again. */
    record HeldElsewhere(Job job) implements ClaimResult {}

    /** No such job: its submit was rolled back after the message was sent. */
    record Missing(String jobId) implements ClaimResult {}
}
