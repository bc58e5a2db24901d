package dev.llmpipeline.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrashScheduleTest {

    @Test
    void crashesExactlyTheShareAskedForEvenlySpread() {
        CrashSchedule schedule = new CrashSchedule(0.05);

        int[] crashed = IntStream.rangeClosed(1, 100).filter(n -> schedule.nextInvocationCrashes()).toArray();

        assertThat(crashed).containsExactly(20, 40, 60, 80, 100);
    }

    @Test
    void neverCrashesAtRateZeroAndAlwaysAtRateOne() {
        CrashSchedule never = new CrashSchedule(0);
        CrashSchedule always = new CrashSchedule(1);

        assertThat(IntStream.range(0, 50).filter(n -> never.nextInvocationCrashes()).count()).isZero();
        assertThat(IntStream.range(0, 50).filter(n -> always.nextInvocationCrashes()).count()).isEqualTo(50);
    }

    @Test
    void refusesARateOutsideZeroToOne() {
        assertThatThrownBy(() -> new CrashSchedule(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
