package dev.llmpipeline.local.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void returnsTheFirstStateThatIsDoneWithoutPausingAfterIt() {
        AtomicInteger reads = new AtomicInteger();

        int state = clock.poller().until("the count", Duration.ofMinutes(1), reads::incrementAndGet,
                count -> count == 3);

        assertThat(state).isEqualTo(3);
        assertThat(clock.pauses()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void doublesItsPausesUpToTwoSecondsAndStopsAtTheDeadline() {
        assertThatThrownBy(() -> clock.poller().until("the update", Duration.ofSeconds(6), () -> "InProgress",
                "Successful"::equals))
                .isInstanceOf(TuneException.class)
                .hasMessage("the update did not finish within 6 s");
        // 0.1 + 0.2 + 0.4 + 0.8 + 1.6 + 2 = 5.1 s; the last pause is what is left of the 6 s.
        assertThat(clock.pauses()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofSeconds(2),
                Duration.ofMillis(900));
    }
}
