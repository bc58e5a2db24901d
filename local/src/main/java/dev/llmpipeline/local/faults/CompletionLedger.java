package dev.llmpipeline.local.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the worker's completion writes: how many the store accepted per job (more than one would be a second
 * result), and how many its condition refused (duplicates it suppressed). Thread-safe.
 */
public final class CompletionLedger {
    private final Map<String, AtomicInteger> storedByJob = new ConcurrentHashMap<>();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong crashedInvocations = new AtomicLong();

    void record(String jobId, boolean stored) {
        if (stored) {
            storedByJob.computeIfAbsent(jobId, id -> new AtomicInteger()).incrementAndGet();
        } else {
            suppressed.incrementAndGet();
        }
    }

    void recordCrash() {
        crashedInvocations.incrementAndGet();
    }

    /** Jobs whose result was stored more than once. The claim token's condition makes this zero. */
    public long jobsCompletedMoreThanOnce() {
        return storedByJob.values().stream().filter(count -> count.get() > 1).count();
    }

    /** Completions the store's condition refused: late or duplicate results that were not stored. */
    public long suppressedCompletions() {
        return suppressed.get();
    }

    /** Worker invocations that died between claiming and storing. */
    public long crashedInvocations() {
        return crashedInvocations.get();
    }
}
