package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.BatchesApi.acceptedBatchId;
import static dev.llmpipeline.local.e2e.BatchesApi.assertCountsAddUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancelling a batch mid-way: its queued jobs are cancelled for good and never reach the model, the running ones
 * finish, and the counts, the results and what the endpoint saw all agree. Every prompt has its own length, which
 * no other test uses, to find it among the endpoint's calls.
 */
@ExtendWith(LocalStackExtension.class)
class BatchCancelIT {
    private static final int LINES = 1_500;
    private static final int LENGTH_BASE = 2_000;
    private static final int MAX_NEW_TOKENS = 200;

    private final PipelineClient alice;
    private final StackProbe probe;

    BatchCancelIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.alice = alice;
        this.probe = new StackProbe(stack);
    }

    @Test
    void cancellingMidwayLeavesOnlySucceededAndCancelledJobsOnWhichCountsResultsAndEndpointAgree() {
        Instant start = Instant.now();
        List<String> lines = IntStream.range(0, LINES)
                .mapToObj(index -> BatchesApi.line("cancel-" + index,
                        JobsApi.promptOfLength("batch cancel " + index, LENGTH_BASE + index), MAX_NEW_TOKENS))
                .toList();
        String batchId = acceptedBatchId(BatchesApi.upload(alice, lines), LINES);
        // Mid-way: once the first jobs are done, while most are still queued.
        Eventually.until(Duration.ofSeconds(30), "a job of the batch succeeded",
                () -> BatchesApi.get(alice, batchId).body().at("/request_counts/succeeded").asInt() > 0);

        Response cancel = BatchesApi.cancel(alice, batchId);

        assertThat(cancel.status()).as("DELETE answer %s", cancel.body()).isEqualTo(200);
        assertThat(cancel.body().path("status").asText()).isEqualTo("cancelled");
        assertThat(assertCountsAddUp(cancel.body(), LINES).path("cancelled").asInt()).isPositive();
        JsonNode ended = BatchesApi.awaitEnded(alice, batchId, Duration.ofSeconds(60), batch -> {
            assertCountsAddUp(batch, LINES);
            assertThat(batch.path("status").asText()).isEqualTo("cancelled");
        });
        JsonNode counts = assertCountsAddUp(ended, LINES);
        assertThat(counts.path("failed").asInt()).as("counts %s", counts).isZero();
        assertThat(counts.path("cancelled").asInt()).as("counts %s", counts).isPositive();
        assertThat(counts.path("succeeded").asInt() + counts.path("cancelled").asInt()).isEqualTo(LINES);
        assertThat(ended.path("completed_at").isTextual()).as("every job has ended").isTrue();

        List<JsonNode> results = BatchesApi.resultsOf(
                BatchesApi.pageToTheEnd(alice, batchId, 1_000, Duration.ofSeconds(30), false));

        assertThat(results).extracting(result -> result.path("custom_id").asText()).hasSize(LINES)
                .doesNotHaveDuplicates();
        Map<String, List<Integer>> lengthsByStatus = results.stream().collect(Collectors.groupingBy(
                result -> result.path("status").asText(),
                Collectors.mapping(BatchCancelIT::promptLength, Collectors.toList())));
        assertThat(lengthsByStatus).containsOnlyKeys("succeeded", "cancelled");
        assertThat(lengthsByStatus.get("succeeded")).hasSize(counts.path("succeeded").asInt()).isNotEmpty();
        assertThat(lengthsByStatus.get("cancelled")).hasSize(counts.path("cancelled").asInt());
        assertThat(results).filteredOn(result -> result.path("status").asText().equals("cancelled"))
                .allSatisfy(result -> {
                    assertThat(result.path("started_at").isNull()).as("never started: %s", result).isTrue();
                    assertThat(result.path("output").isNull()).isTrue();
                });

        List<Integer> sent = probe.promptLengthsSince(start).stream()
                .filter(length -> length >= LENGTH_BASE && length < LENGTH_BASE + LINES).toList();
        assertThat(Set.copyOf(sent)).as("prompts of this batch the endpoint saw")
                .isEqualTo(Set.copyOf(lengthsByStatus.get("succeeded")));
        assertThat(sent.size()).as("prompts sent, retries included")
                .isGreaterThanOrEqualTo(counts.path("succeeded").asInt());
    }

    private static int promptLength(JsonNode result) {
        return LENGTH_BASE + Integer.parseInt(result.path("custom_id").asText().substring("cancel-".length()));
    }
}
