package dev.llmpipeline.core.job;

import java.util.Locale;

/** Where a job is in its life. Only {@code QUEUED -> RUNNING -> SUCCEEDED|FAILED} and {@code QUEUED -> CANCELLED} happen. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** A terminal job never changes again: no second result, no cancel. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The lowercase name used on the wire and in the table. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a lowercase wire name. */
    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
