package dev.llmpipeline.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With {@code EndpointProtocol=per-prompt} (TGI, LMI) the worker sends one concurrent call per prompt. */
class PerPromptProtocolIT {

    @Test
    void sendsOneGreedyCallPerPromptAndStoresEveryResult() {
        LocalStackSettings settings = LocalStackSettings.defaults(Path.of(System.getProperty("pipeline.home")))
                .withApiPort(0)
                .withTimeScale(0.02)
                .withOwnersByToken(Map.of("tgi-token", "tgi"))
                .withParameterOverrides(Map.of("EndpointProtocol", "per-prompt"));
        try (LocalStack stack = LocalStack.start(settings)) {
            PipelineClient client = new PipelineClient(stack.apiUrl(), "tgi-token");
            List<String> ids = new ArrayList<>();
            for (int index = 0; index < 6; index++) {
                ids.add(client.submit("per-prompt job " + index, 12, null, Optional.empty())
                        .body().path("job_id").asText());
            }

            for (String id : ids) {
                JsonNode job = waitForTerminal(client, id);
                assertThat(job.path("status").asText()).isEqualTo("succeeded");
                assertThat(job.path("output").path("generated_tokens").asInt()).isBetween(1, 12);
            }
            assertThat(stack.endpoint().calls()).hasSize(6).allSatisfy(call -> {
                assertThat(call.batchSize()).isEqualTo(1);
                assertThat(call.parameters()).containsEntry("do_sample", false).containsEntry("max_new_tokens", 12)
                        .containsEntry("details", true).doesNotContainKey("batch_size");
            });
        }
    }

    private static JsonNode waitForTerminal(PipelineClient client, String jobId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode job;
        do {
            job = client.job(jobId, 20).body();
        } while (!job.path("completed_at").isTextual() && Instant.now().isBefore(deadline));
        return job;
    }
}
