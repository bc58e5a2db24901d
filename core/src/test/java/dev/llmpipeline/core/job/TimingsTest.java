package dev.llmpipeline.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimingsTest {

    @Test
    void keepsConsistentPartsAsTheyAre() {
        Timings timings = Timings.of(200, 300, 800, 2, 8);

        assertThat(timings).isEqualTo(new Timings(200, 300, 800, 2, 8));
    }

    @Test
    void clampsAQueueWaitThatClockSkewMadeTooLong() {
        Timings timings = Timings.of(900, 300, 1_000, 1, 4);

        assertThat(timings.queueMs()).isEqualTo(700);
        assertThat(timings.modelMs()).isEqualTo(300);
        assertThat(timings.totalMs()).isEqualTo(1_000);
    }

    @Test
    void clampsANegativeQueueWaitToZero() {
        Timings timings = Timings.of(-40, 300, 1_000, 1, 4);

        assertThat(timings.queueMs()).isZero();
    }

    @Test
    void clampsAModelTimeLongerThanTheWhole() {
        Timings timings = Timings.of(100, 1_500, 1_000, 1, 4);

        assertThat(timings.modelMs()).isEqualTo(1_000);
        assertThat(timings.queueMs()).isZero();
    }

    @Test
    void keepsAttemptsAndBatchSize() {
        Timings timings = Timings.of(1, 2, 3, 5, 32);

        assertThat(timings.attempts()).isEqualTo(5);
        assertThat(timings.modelBatchSize()).isEqualTo(32);
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "5,5,5", "1000,1,2", "-1,-1,-1", "3,-7,10", "10,10,-5", "9999,9999,1"})
    void neverLetsThePartsExceedTheWhole(long queue, long model, long total) {
        Timings timings = Timings.of(queue, model, total, 1, 1);

        assertThat(timings.queueMs()).isNotNegative();
        assertThat(timings.modelMs()).isNotNegative();
        assertThat(timings.totalMs()).isNotNegative();
        assertThat(timings.queueMs() + timings.modelMs()).isLessThanOrEqualTo(timings.totalMs());
    }
}
