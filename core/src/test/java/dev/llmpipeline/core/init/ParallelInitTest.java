package dev.llmpipeline.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParallelInitTest {

    @Test
    void aForkedStepGivesItsResult() {
        try (ParallelInit init = new ParallelInit()) {
            Supplier<String> step = init.fork(() -> "client");

            assertThat(step.get()).isEqualTo("client");
        }
    }

    @Test
    void aFailedStepFailsWithItsOwnException() {
        IllegalStateException failure = new IllegalStateException("no region");
        try (ParallelInit init = new ParallelInit()) {
            Supplier<String> step = init.fork(() -> {
                throw failure;
            });

            assertThatThrownBy(step::get).isSameAs(failure);
        }
    }

    @Test
    void aFailedPrimingFailsNothing() {
        ParallelInit init = new ParallelInit();
        init.prime("read", () -> {
            throw new IllegalStateException("AccessDeniedException");
        });

        assertThatCode(init::close).doesNotThrowAnyException();
    }

    @Test
    void closeWaitsForThePriming() {
        CountDownLatch otherPrimingRan = new CountDownLatch(1);
        AtomicBoolean primed = new AtomicBoolean();
        try (ParallelInit init = new ParallelInit()) {
            init.prime("first", () -> {
                awaitQuietly(otherPrimingRan);
                primed.set(true);
            });
            init.prime("second", otherPrimingRan::countDown);
        }

        assertThat(primed).isTrue();
    }

    @Test
    @Timeout(10)
    void closeGoesOnWithoutPrimingThatOutlastsItsBudget() {
        CountDownLatch never = new CountDownLatch(1);
        ParallelInit init = new ParallelInit(Duration.ofMillis(50));
        init.prime("hanging read", () -> awaitQuietly(never));

        assertThatCode(init::close).doesNotThrowAnyException();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
