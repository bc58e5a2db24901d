package dev.llmpipeline.local.endpoint;

import static dev.llmpipeline.local.endpoint.SageMakerClientFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which work a call pays for; the recorded latency is the measure, never a sleep of the test's own. */
class EndpointEmulatorLatencyTest {

    // Each batch the pipeline runs costs exactly 100 ms before scaling, 20 ms after.
    private static final EmulatorSettings FIXED_20_MS_A_BATCH = EmulatorSettings.defaults()
            .withLatency(new LatencyModel(100, 0, 0, 0, 0, 0)).withTimeScale(0.2).withSeed(5);
    private static final long BATCH_MILLIS = 20;
    private static final List<String> THREE_PROMPTS = List.of("one", "two", "three");

    @Test
    void runsAListOnePromptAtATimeWithoutBatchSize() throws Exception {
        RecordedCall call = onlyCall(FIXED_20_MS_A_BATCH, body(THREE_PROMPTS, "{\"max_new_tokens\": 8}"));

        assertThat(call.latencyMillis()).isGreaterThanOrEqualTo(3 * BATCH_MILLIS);
    }

    @Test
    void decodesAListTogetherWithBatchSize() throws Exception {
        RecordedCall call = onlyCall(FIXED_20_MS_A_BATCH,
                body(THREE_PROMPTS, "{\"max_new_tokens\": 8, \"batch_size\": 3}"));

        assertThat(call.latencyMillis()).isBetween(BATCH_MILLIS, 3 * BATCH_MILLIS - 1);
    }

    @Test
    void slowCallsTakeSlowFactorTimesAsLong() throws Exception {
        RecordedCall call = onlyCall(FIXED_20_MS_A_BATCH.withSlowRate(1).withSlowFactor(4), body("one", "{}"));

        assertThat(call.latencyMillis()).isGreaterThanOrEqualTo(4 * BATCH_MILLIS);
    }

    @Test
    void injectedFaultsAnswerWithoutRunningTheModel() throws Exception {
        EmulatorSettings slowModel = FIXED_20_MS_A_BATCH.withTimeScale(2).withFailRate(1);

        RecordedCall call = onlyCall(slowModel, body("one", "{}"));

        assertThat(call.status()).isEqualTo(500);
        assertThat(call.latencyMillis()).isLessThan(100);
    }

    private static RecordedCall onlyCall(EmulatorSettings settings, String requestBody) throws Exception {
        try (EndpointEmulator emulator = EndpointEmulator.start(0, settings);
                SageMakerClientFixture sageMaker = new SageMakerClientFixture(emulator)) {
            // Faults surface as exceptions; the recorded call is what these tests inspect.
            catchThrowable(() -> sageMaker.invoke(requestBody));
            assertThat(emulator.calls()).hasSize(1);
            return emulator.calls().get(0);
        }
    }
}
