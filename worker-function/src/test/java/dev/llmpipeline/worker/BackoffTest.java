package dev.llmpipeline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 6, 10, 30, 64, 1_000})
    void staysWithinZeroAndTheCappedExponentialCeiling(int retry) {
        long ceiling = Math.min(5_000, 100 * (long) Math.pow(2, Math.min(retry, 20)));

        for (int sample = 0; sample < 500; sample++) {
            assertThat(backoff.delay(retry)).isBetween(Duration.ZERO, Duration.ofMillis(ceiling));
        }
    }

    @Test
    void spreadsTheWaitsOfOneRetryOverTheWholeRange() {
        Set<Duration> seen = new HashSet<>();
        long longest = 0;

        for (int sample = 0; sample < 1_000; sample++) {
            Duration delay = backoff.delay(3);
            seen.add(delay);
            longest = Math.max(longest, delay.toMillis());
        }

        // 801 possible values, 1000 draws: all in one corner has a probability far below 1e-100.
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(longest).isGreaterThan(400);
    }

    @Test
    void waitsLongerOnAverageAsRetriesGrow() {
        long first = 0;
        long fourth = 0;

        for (int sample = 0; sample < 1_000; sample++) {
            first += backoff.delay(0).toMillis();
            fourth += backoff.delay(3).toMillis();
        }

        assertThat(fourth).isGreaterThan(first * 3);
    }

    @Test
    void standardStartsAt100MillisecondsAndCapsAtFiveSeconds() {
        assertThat(Backoff.standard()).isEqualTo(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
    }
}
