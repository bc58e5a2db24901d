package dev.llmpipeline.local.tune;

import dev.llmpipeline.core.time.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads a state until it is done or a deadline passes, waiting 100 ms between the first reads and doubling up to
 * 2 s, so that a quick change is seen quickly and a slow one (minutes, for provisioned concurrency) costs few calls.
 * The pause and the clock are injected, so that tests run the loop without waiting. Stateless and thread-safe.
 */
public final class Poller {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final Pause pause;
    private final Clock clock;

    public Poller(Pause pause, Clock clock) {
        this.pause = pause;
        this.clock = clock;
    }

    /** Real waits on the system clock. */
    public static Poller sleeping() {
        return new Poller(Pause.sleeping(), Clock.systemUTC());
    }

    /**
     * Reads until {@code done} holds for what was read, and returns that.
     *
     * @param what    what is awaited, for the message of a timeout
     * @throws TuneException if the deadline passes first, or the thread is interrupted
     */
    <T> T until(String what, Duration timeout, Supplier<T> read, Predicate<T> done) {
        Instant deadline = clock.instant().plus(timeout);
        Duration wait = FIRST_PAUSE;
        while (true) {
            T state = read.get();
            if (done.test(state)) {
                return state;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new TuneException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            pause.pause(wait.compareTo(left) < 0 ? wait : left);
            if (Thread.currentThread().isInterrupted()) {
                throw new TuneException("interrupted while waiting for " + what);
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? wait.multipliedBy(2) : LONGEST_PAUSE;
        }
    }
}
