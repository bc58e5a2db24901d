package dev.llmpipeline.local.faults;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which worker invocations die: exactly a share {@code rate} of them, evenly spread (with 5%, every
 * twentieth), rather than by chance, so that a run of a few dozen invocations is sure to see its crashes.
 * Shared by every execution environment of the worker. Thread-safe.
 */
public final class CrashSchedule {
    private final double rate;
    private final AtomicLong invocations = new AtomicLong();

    public CrashSchedule(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("crash rate must be between 0 and 1, was " + rate);
        }
        this.rate = rate;
    }

    /** Whether the next invocation dies. */
    boolean nextInvocationCrashes() {
        long n = invocations.incrementAndGet();
        return Math.floor(n * rate) > Math.floor((n - 1) * rate);
    }
}
