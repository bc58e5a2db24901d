package dev.llmpipeline.local.cli;

import java.time.Duration;

/** Waits between two polls of the API; injected so that tests run the polling loops without waiting. */
@FunctionalInterface
interface Pause {

    /** Waits for about this long. */
    void pause(Duration duration) throws InterruptedException;

    /** The real wait: a client paces its polls of a job that is still running. */
    static Pause sleeping() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
