package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.BatchesApi.acceptedBatchId;
import static dev.llmpipeline.local.e2e.BatchesApi.assertCountsAddUp;
import static dev.llmpipeline.local.e2e.JobsApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 2,000-line batch through the whole local stack: accepted, counted truthfully at every poll, completed, and its
 * results paged with the cursor, each exactly once; invisible to anyone but its owner.
 */
@ExtendWith(LocalStackExtension.class)
class BatchLifecycleIT {
    private static final int LINES = 2_000;
    private static final int PAGE = 250;
    private static final Duration BATCH_DEADLINE = Duration.ofSeconds(120);
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");

    private final PipelineClient alice;
    private final PipelineClient bob;

    BatchLifecycleIT(@Owner("alice") PipelineClient alice, @Owner("bob") PipelineClient bob) {
        this.alice = alice;
        this.bob = bob;
    }

    @Test
    void runsATwoThousandLineBatchToCompletionAndPagesEveryResultExactlyOnce() {
        List<String> customIds = IntStream.rangeClosed(1, LINES).mapToObj(index -> "life-" + index).toList();
        List<String> lines = customIds.stream()
                .map(customId -> BatchesApi.line(customId, "Batch " + customId + ": why do queues smooth out bursts?",
                        8))
                .toList();

        String batchId = acceptedBatchId(BatchesApi.upload(alice, lines), LINES);
        JsonNode ended = BatchesApi.awaitEnded(alice, batchId, BATCH_DEADLINE, batch -> {
            assertCountsAddUp(batch, LINES);
            assertThat(batch.path("batch_id").asText()).isEqualTo(batchId);
            assertThat(batch.path("status").asText()).isIn("in_progress", "completed");
        });

        assertThat(ended.path("status").asText()).as("batch %s", ended).isEqualTo("completed");
        assertThat(Instant.parse(ended.path("completed_at").asText()))
                .isAfterOrEqualTo(Instant.parse(ended.path("created_at").asText()));
        JsonNode counts = assertCountsAddUp(ended, LINES);
        assertThat(counts.path("succeeded").asInt()).as("counts %s", counts).isEqualTo(LINES);

        List<JsonNode> results = BatchesApi.resultsOf(
                BatchesApi.pageToTheEnd(alice, batchId, PAGE, Duration.ofSeconds(30), false));

        assertThat(results).hasSize(counts.path("succeeded").asInt() + counts.path("failed").asInt()
                + counts.path("cancelled").asInt()).hasSize(LINES);
        assertThat(results).extracting(result -> result.path("custom_id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(customIds);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.path("batch_id").asText()).isEqualTo(batchId);
            assertThat(result.path("status").asText()).isIn(TERMINAL);
            assertThat(result.path("output").path("text").isTextual()).as("result %s", result).isTrue();
        });
        assertThat(results).extracting(result -> Instant.parse(result.path("completed_at").asText()))
                .as("results in the order they finished").isSorted();
        Map<String, Long> statuses = results.stream().collect(Collectors.groupingBy(
                result -> result.path("status").asText(), Collectors.counting()));
        assertThat(statuses).containsEntry("succeeded", (long) counts.path("succeeded").asInt());
        assertThat(Instant.parse(ended.path("completed_at").asText())).as("the batch ended with its last job")
                .isEqualTo(results.stream().map(result -> Instant.parse(result.path("completed_at").asText()))
                        .max(Comparator.naturalOrder()).orElseThrow());
    }

    @Test
    void hidesABatchAndItsResultsFromAnotherOwnerExactlyAsAnUnknownId() {
        String batchId = acceptedBatchId(BatchesApi.upload(alice, List.of(
                BatchesApi.line("private-1", "Whose batch is this?", 4))), 1);

        JsonNode asBob = assertError(BatchesApi.get(bob, batchId), 404, "not_found");
        assertError(BatchesApi.results(bob, batchId, 10, null), 404, "not_found");
        assertError(BatchesApi.cancel(bob, batchId), 404, "not_found");
        JsonNode unknown = assertError(BatchesApi.get(alice, UUID.randomUUID().toString()), 404,
                "not_found");

        assertThat(asBob.path("message").asText().replace(batchId, "ID"))
                .isEqualTo(unknown.path("message").asText().replaceAll("[0-9a-f-]{36}", "ID"));
        assertThat(BatchesApi.get(alice, batchId).status()).isEqualTo(200);
    }
}
