package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.BatchesApi.acceptedBatchId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.e2e.BatchesApi.PageRead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reading results while the batch still runs: they appear as jobs finish, the cursor is given as long as jobs
 * remain, and following it to its end returns every result exactly once, also those that finished after the page
 * before was read.
 */
@ExtendWith(LocalStackExtension.class)
class BatchResultsLiveIT {
    private static final int LINES = 400;
    private static final int PAGE = 40;
    // Long generations keep the batch running for seconds, while the pages are read.
    private static final int MAX_NEW_TOKENS = 200;

    private final PipelineClient alice;

    BatchResultsLiveIT(@Owner("alice") PipelineClient alice) {
        this.alice = alice;
    }

    @Test
    void pagesResultsAsJobsFinishAndReturnsEachExactlyOnceByTheEnd() {
        List<String> customIds = IntStream.rangeClosed(1, LINES).mapToObj(index -> "live-" + index).toList();
        List<String> lines = customIds.stream()
                .map(customId -> BatchesApi.line(customId, "Results of " + customId + ": what is a cursor?",
                        MAX_NEW_TOKENS))
                .toList();
        String batchId = acceptedBatchId(BatchesApi.upload(alice, lines), LINES);

        List<PageRead> pages = BatchesApi.pageToTheEnd(alice, batchId, PAGE, Duration.ofSeconds(60), true);

        List<PageRead> whileRunning = pages.stream().filter(PageRead::readWhileJobsRemained).toList();
        assertThat(whileRunning).as("pages read while jobs remained").isNotEmpty()
                .allSatisfy(page -> assertThat(page.page().path("next_cursor").isTextual())
                        .as("next_cursor of a page read while jobs remained: %s", page.page()).isTrue());
        assertThat(whileRunning).as("results came before the batch ended")
                .anySatisfy(page -> assertThat(page.results()).isNotEmpty());
        assertThat(pages.get(pages.size() - 1).page().path("next_cursor").isNull()).isTrue();
        List<JsonNode> results = BatchesApi.resultsOf(pages);
        assertThat(results).extracting(result -> result.path("custom_id").asText())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(customIds);
        assertThat(results).extracting(result -> Instant.parse(result.path("completed_at").asText()))
                .as("results in the order they finished, across pages").isSorted();
        JsonNode batch = BatchesApi.get(alice, batchId).body();
        assertThat(batch.path("status").asText()).isEqualTo("completed");
        assertThat(batch.at("/request_counts/succeeded").asInt()).isEqualTo(LINES);
    }
}
