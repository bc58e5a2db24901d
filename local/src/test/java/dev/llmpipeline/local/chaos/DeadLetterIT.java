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

/** A job whose every endpoint call fails is dead-lettered after maxReceiveCount deliveries, and its client sees it. */
class DeadLetterIT {

    @Test
    void marksAJobFailedWithRetriesExhaustedOnceItsMessageIsDeadLettered() {
        // A tiny time scale: the visibility timeout is 2 s, so five deliveries take seconds, not half an hour.
        LocalStackSettings settings = LocalStackSettings.defaults(Path.of(System.getProperty("pipeline.home")))
                .withApiPort(0)
                .withTimeScale(0.005)
                .withEndpoint(EmulatorSettings.defaults().withFailRate(1.0))
                .withOwnersByToken(Map.of("dlq-token", "dlq"));
        try (LocalStack stack = LocalStack.start(settings)) {
            PipelineClient client = new PipelineClient(stack.apiUrl(), "dlq-token");
            String jobId = client.submit("a prompt the endpoint never answers", 8, null, Optional.empty())
                    .body().path("job_id").asText();

            JsonNode job = waitForTerminal(client, jobId, Duration.ofSeconds(90));

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("retries_exhausted");
            assertThat(job.path("timings").path("attempts").asInt())
                    .isEqualTo(stack.template().queue("JobsQueue").maxReceiveCount());
            assertThat(stack.endpoint().calls()).isNotEmpty().allMatch(call -> call.status() == 500);
        }
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
