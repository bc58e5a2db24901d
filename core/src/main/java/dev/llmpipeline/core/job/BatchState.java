package dev.llmpipeline.core.job;

import java.util.Locale;

/**
 * The stored state of a batch. Whether an accepted batch is still in progress or completed is not stored: it is
 * read from its jobs.
 */
public enum BatchState {
    /** Its jobs are being stored and enqueued; the client has no answer yet, and nobody sees the batch. */
    ACCEPTING,
    /** Every job is stored and enqueued: the client got 202. */
    ACCEPTED,
    /** The client cancelled it: its queued jobs were cancelled; running ones finish. */
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
