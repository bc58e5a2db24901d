package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchWatcherTest {
    private final Deque<PipelineClient.Response> answers = new ArrayDeque<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final BatchWatcher watcher = new BatchWatcher(answers::removeFirst, pauses::add);

    @Test
    void pollsAboutOnceASecondUntilTheBatchIsNoLongerInProgress() throws Exception {
        answers.add(batch("in_progress", 0, 0, 0));
        answers.add(batch("in_progress", 5, 1, 0));
        answers.add(batch("completed", 8, 2, 0));
        List<Long> done = new ArrayList<>();

        JsonNode last = watcher.untilDone(update -> done.add(BatchWatcher.done(update)));

        assertThat(done).containsExactly(0L, 6L, 10L);
        assertThat(pauses).containsExactly(BatchWatcher.POLL_INTERVAL, BatchWatcher.POLL_INTERVAL);
        assertThat(last.path("status").asText()).isEqualTo("completed");
        assertThat(BatchWatcher.endedCounts(last)).isEqualTo("8 succeeded, 2 failed, 0 cancelled");
    }

    @Test
    void aCancelledBatchIsDone() throws Exception {
        answers.add(batch("cancelled", 1, 0, 9));

        assertThat(watcher.untilDone(update -> { }).path("status").asText()).isEqualTo("cancelled");
        assertThat(pauses).isEmpty();
    }

    @Test
    void retriesAServerFaultWithBackoff() throws Exception {
        answers.add(new PipelineClient.Response(503, Json.mapper().nullNode(), Map.of()));
        answers.add(new PipelineClient.Response(502, Json.mapper().nullNode(), Map.of()));
        answers.add(batch("completed", 10, 0, 0));

        watcher.untilDone(update -> { });

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retriesADroppedConnectionButNotARefusedOne() throws Exception {
        Deque<Object> outcomes = new ArrayDeque<>(List.of(new IOException("connection reset"),
                batch("completed", 10, 0, 0)));
        BatchWatcher flaky = new BatchWatcher(() -> answerOrThrow(outcomes.removeFirst()), pauses::add);
        BatchWatcher refused = new BatchWatcher(() -> answerOrThrow(new ConnectException()), pauses::add);

        assertThat(flaky.untilDone(update -> { }).path("status").asText()).isEqualTo("completed");
        assertThatThrownBy(() -> refused.untilDone(update -> { })).isInstanceOf(UncheckedIOException.class);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    private static PipelineClient.Response answerOrThrow(Object outcome) {
        if (outcome instanceof IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return (PipelineClient.Response) outcome;
    }

    private static PipelineClient.Response batch(String status, int succeeded, int failed, int cancelled) {
        var body = Json.mapper().createObjectNode().put("batch_id", "b-1").put("status", status);
        body.putObject("request_counts").put("total", 10).put("queued", 10 - succeeded - failed - cancelled)
                .put("running", 0).put("succeeded", succeeded).put("failed", failed).put("cancelled", cancelled);
        return new PipelineClient.Response(200, body, Map.of());
    }
}
