package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.Job;

/** The outcome of {@link JobStore#cancel}. */
public sealed interface CancelResult {

    /** The job was queued and is now cancelled. */
    record Cancelled(Job job) implements CancelResult {}

    /** The job had left {@code queued}; it is returned as it is now. */
    record NotCancellable(Job job) implements CancelResult {}

    /** No such job. */
    record Missing(String jobId) implements CancelResult {}
}
