package dev.llmpipeline.local.endpoint;

import static dev.llmpipeline.local.endpoint.SageMakerClientFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Instances serve one call at a time: concurrent calls queue for a free one. */
class EndpointEmulatorConcurrencyTest {

    // Every call costs exactly 100 ms before scaling: no prefill, no decode, no jitter, so bounds are exact.
    private static final LatencyModel FIXED_100_MS = new LatencyModel(100, 0, 0, 0, 0, 0);
    private static final double TIME_SCALE = 0.5;
    private static final long SERVICE_MILLIS = 50;
    // Recorded times are truncated to milliseconds, twice over when comparing two calls.
    private static final long TOLERANCE_MILLIS = 2;

    @Test
    void oneInstanceServesConcurrentCallsOneAfterTheOther() throws Exception {
        List<RecordedCall> calls = twoConcurrentCalls(1);

        RecordedCall first = calls.get(0);
        RecordedCall second = calls.get(1);
        // The later call could only start once the earlier one was done, and then took its own 50 ms.
        assertThat(Duration.between(end(first), end(second)).toMillis())
                .isGreaterThanOrEqualTo(SERVICE_MILLIS - TOLERANCE_MILLIS);
        assertThat(second.receivedAt()).isBefore(end(first));
        assertThat(second.latencyMillis())
                .isGreaterThanOrEqualTo(Duration.between(second.receivedAt(), end(first)).toMillis() + SERVICE_MILLIS
                        - TOLERANCE_MILLIS);
        // Both arrived together, so the pair took about twice as long as one call.
        assertThat(Duration.between(first.receivedAt(), end(second)).toMillis())
                .isGreaterThanOrEqualTo(2 * SERVICE_MILLIS - TOLERANCE_MILLIS);
    }

    @Test
    void twoInstancesServeConcurrentCallsSideBySide() throws Exception {
        List<RecordedCall> calls = twoConcurrentCalls(2);

        RecordedCall first = calls.get(0);
        RecordedCall second = calls.get(1);
        assertThat(second.receivedAt()).isBefore(end(first));
        // Neither waited for the other: nobody spent two service times.
        assertThat(calls).allSatisfy(call -> assertThat(call.latencyMillis())
                .isBetween(SERVICE_MILLIS - TOLERANCE_MILLIS, 2 * SERVICE_MILLIS - 10));
    }

    /** Sends two calls at the same moment and answers them by when they ended. */
    private static List<RecordedCall> twoConcurrentCalls(int instances) throws Exception {
        EmulatorSettings settings = EmulatorSettings.defaults().withLatency(FIXED_100_MS).withTimeScale(TIME_SCALE)
                .withInstances(instances).withSeed(1);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (EndpointEmulator emulator = EndpointEmulator.start(0, settings);
                SageMakerClientFixture sageMaker = new SageMakerClientFixture(emulator)) {
            sageMaker.invoke(body("warm up the client's connection pool", "{}"));
            emulator.clearCalls();
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Void>> sent = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.runAsync(() -> {
                        await(start);
                        sageMaker.invoke(body("concurrent prompt " + i, "{\"max_new_tokens\": 8}"));
                    }, clients))
                    .toList();
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            List<RecordedCall> calls = emulator.calls();
            assertThat(calls).hasSize(2).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
            return calls.stream().sorted(Comparator.comparing(EndpointEmulatorConcurrencyTest::end)).toList();
        } finally {
            clients.shutdownNow();
        }
    }

    private static Instant end(RecordedCall call) {
        return call.receivedAt().plusMillis(call.latencyMillis());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the two clients did not start together", e);
        }
    }
}
