package dev.llmpipeline.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.endpoint.EmulatorSettings;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The two last resorts: a job whose endpoint calls keep failing is failed by the worker on its last delivery, and a
 * job whose invocations keep dying is dead-lettered and failed by the dead-letter function. Either way its client
 * sees {@code retries_exhausted}.
 */
class DeadLetterIT {

    @Test
    void deadLettersAJobWhoseInvocationsKeepDyingAndMarksItFailed() {
        // Every worker invocation dies between claiming and storing; a tiny time scale makes the visibility
        // timeout 2 s, so five deliveries take seconds, not half an hour.
        try (LocalStack stack = LocalStack.start(settings(0.005).withCrashRate(1.0))) {
            JsonNode job = runOneJob(stack);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("retries_exhausted");
            assertThat(job.path("timings").path("attempts").asInt())
                    .isEqualTo(stack.template().queue("JobsQueue").maxReceiveCount());
            // Every delivery died: as a crash, or as a timeout of a cold environment at this tiny scale.
            assertThat(stack.ledger().crashedInvocations())
                    .isBetween(1L, (long) stack.template().queue("JobsQueue").maxReceiveCount());
        }
    }

    @Test
    void failsAJobWhoseEndpointCallsKeepFailingOnItsLastDelivery() {
        try (LocalStack stack = LocalStack.start(settings(0.005)
                .withEndpoint(EmulatorSettings.defaults().withFailRate(1.0)))) {
            JsonNode job = runOneJob(stack);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("retries_exhausted");
            assertThat(job.path("error").path("message").asText()).contains("endpoint kept failing");
            assertThat(job.path("timings").path("attempts").asInt())
                    .isEqualTo(stack.template().queue("JobsQueue").maxReceiveCount());
            assertThat(stack.endpoint().calls()).isNotEmpty().allMatch(call -> call.status() == 500);
        }
    }

    private static LocalStackSettings settings(double timeScale) {
        return LocalStackSettings.defaults(Path.of(System.getProperty("pipeline.home")))
                .withApiPort(0)
                .withTimeScale(timeScale)
                .withOwnersByToken(Map.of("dlq-token", "dlq"));
    }

    private static JsonNode runOneJob(LocalStack stack) {
        PipelineClient client = new PipelineClient(stack.apiUrl(), "dlq-token");
        String jobId = client.submit("a prompt that never gets a result", 8, null, Optional.empty())
                .body().path("job_id").asText();
        return waitForTerminal(client, jobId, Duration.ofSeconds(90));
    }

    private static JsonNode waitForTerminal(PipelineClient client, String jobId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode job;
        do {
            job = client.job(jobId, 20).body();
        } while (!job.path("completed_at").isTextual() && Instant.now().isBefore(deadline));
        return job;
    }
}
