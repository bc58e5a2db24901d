package dev.llmpipeline.local.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Re-checks a condition until it holds or a deadline passes; parks briefly between checks, never longer. */
final class Eventually {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Eventually() {
    }

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @throws AssertionError if it still does not hold after {@code timeout}
     */
    static void until(Duration timeout, Supplier<Boolean> condition) {
        until(timeout, "condition", condition);
    }

    /** Like {@link #until(Duration, Supplier)}, naming what was awaited in the failure. */
    static void until(Duration timeout, String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not hold within " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
