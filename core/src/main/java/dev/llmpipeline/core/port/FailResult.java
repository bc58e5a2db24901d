package dev.llmpipeline.core.port;

/** The outcome of {@link JobStore#failIfAbandoned}. */
public enum FailResult {
    /** The job was queued, or running under an expired lease, and is now failed. */
    FAILED,
    /** The job had ended already; it is left as it is. */
    TERMINAL,
    /** A worker holds the job under a live lease: its result may still come, so look again later. */
    HELD,
    /** No such job. */
    MISSING
}
