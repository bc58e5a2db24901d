package dev.llmpipeline.core.time;

import java.time.Duration;

/**
 * Waits between two attempts: the worker between endpoint retries, the result function between polls of a job.
 * Injected, so that tests drive those loops with a clock they move instead of waiting.
 */
@FunctionalInterface
public interface Pause {

    /**
     * Waits about this long. An interrupt ends the wait early and stays set, so that the calling loop sees it and
     * stops (the invocation is being abandoned).
     */
    void pause(Duration duration);

    /** The real wait. */
    static Pause sleeping() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
