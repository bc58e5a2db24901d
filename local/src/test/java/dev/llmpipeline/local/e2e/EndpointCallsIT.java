package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.JobsApi.acceptedJobId;
import static dev.llmpipeline.local.e2e.JobsApi.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.endpoint.RecordedCall;
import dev.llmpipeline.local.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the worker sends the endpoint: greedy, bounded, batched calls in the Hugging Face toolkit's format. */
@ExtendWith(LocalStackExtension.class)
class EndpointCallsIT {
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(60);
    private static final int MAX_NEW_TOKENS_CAP = 512;
    // Prompt lengths this class alone uses, so each prompt can be found among the calls the emulator recorded.
    private static final int BURST_LENGTH_BASE = 1_100;
    private static final int SHORT_BOUND_LENGTH = 1_077;

    private final StackProbe probe;
    private final PipelineClient alice;

    EndpointCallsIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.probe = new StackProbe(stack);
        this.alice = alice;
    }

    @Test
    void sendsGreedyBoundedCallsThatBatchPromptsUnderLoad() {
        Instant start = Instant.now();
        List<String> prompts = IntStream.range(0, 40)
                .mapToObj(index -> JobsApi.promptOfLength("endpoint burst " + index, BURST_LENGTH_BASE + index))
                .toList();

        List<String> jobIds = JobsApi.submitAll(alice, prompts, 64).stream().map(JobsApi::acceptedJobId).toList();
        List<JsonNode> jobs = jobIds.stream().map(jobId -> awaitTerminal(alice, jobId, JOB_DEADLINE)).toList();

        List<RecordedCall> calls = probe.callsSince(start);
        assertThat(jobs).allSatisfy(job -> assertThat(job.path("status").asText()).isEqualTo("succeeded"));
        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.parameters()).containsEntry("do_sample", false);
            assertThat(intParameter(call, "max_new_tokens")).isEqualTo(64).isLessThanOrEqualTo(MAX_NEW_TOKENS_CAP);
            assertThat(intParameter(call, "batch_size")).isEqualTo(call.batchSize())
                    .isEqualTo(call.promptChars().size());
        });
        assertThat(calls).as("calls carrying more than one prompt").anyMatch(call -> call.batchSize() > 1);
        for (int index = 0; index < jobs.size(); index++) {
            int length = prompts.get(index).length();
            int batchSize = jobs.get(index).path("timings").path("model_batch_size").asInt();
            assertThat(calls).as("a call with the prompt of length %d and %d prompts", length, batchSize)
                    .anyMatch(call -> call.promptChars().contains(length) && call.batchSize() == batchSize);
        }
    }

    @Test
    void passesASmallTokenBoundToTheEndpointAndCutsTheOutputThere() {
        Instant start = Instant.now();
        String prompt = JobsApi.promptOfLength("a short answer", SHORT_BOUND_LENGTH);

        String jobId = acceptedJobId(alice.submit(prompt, 5, null, Optional.empty()));
        JsonNode job = awaitTerminal(alice, jobId, JOB_DEADLINE);

        List<RecordedCall> carrying = probe.callsSince(start).stream()
                .filter(call -> call.promptChars().contains(SHORT_BOUND_LENGTH)).toList();
        assertThat(carrying).isNotEmpty().allSatisfy(call -> {
            assertThat(intParameter(call, "max_new_tokens")).isEqualTo(5);
            assertThat(call.parameters()).containsEntry("do_sample", false);
        });
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("request").path("max_new_tokens").asInt()).isEqualTo(5);
        assertThat(job.path("output").path("finish_reason").asText()).isEqualTo("length");
        assertThat(job.path("output").path("generated_tokens").asInt()).isEqualTo(5);
        assertThat(job.path("output").path("text").asText().split(" ")).hasSize(5);
    }

    private static int intParameter(RecordedCall call, String name) {
        Object value = call.parameters().get(name);
        assertThat(value).as("parameter %s of %s", name, call.parameters()).isInstanceOf(Integer.class);
        return (Integer) value;
    }
}
