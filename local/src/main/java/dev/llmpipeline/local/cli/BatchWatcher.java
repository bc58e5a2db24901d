package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Polls {@code GET /batches/{id}} about once a second until the batch is no longer {@code in_progress}. */
final class BatchWatcher {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<PipelineClient.Response> batch;
    private final Pause pause;
    private final TransientRetry retry;

    /**
     * @param batch {@code GET /batches/{id}} of the batch to watch
     * @param pause the wait between two polls
     */
    BatchWatcher(Supplier<PipelineClient.Response> batch, Pause pause) {
        this.batch = batch;
        this.pause = pause;
        this.retry = new TransientRetry(pause);
    }

    /**
     * Hands each batch object it reads to {@code onUpdate}, and returns the first that is completed or cancelled.
     *
     * @throws ResponseException if the API refuses the read
     */
    JsonNode untilDone(Consumer<JsonNode> onUpdate) throws InterruptedException {
        while (true) {
            PipelineClient.Response response = retry.call(batch);
            if (!response.ok()) {
                throw new ResponseException("batch status", response);
            }
            onUpdate.accept(response.body());
            if (!"in_progress".equals(response.body().path("status").asText())) {
                return response.body();
            }
            pause.pause(POLL_INTERVAL);
        }
    }

    /** Jobs of the batch that have ended: succeeded, failed or cancelled. */
    static long done(JsonNode batch) {
        JsonNode counts = batch.path("request_counts");
        return counts.path("succeeded").asLong() + counts.path("failed").asLong() + counts.path("cancelled").asLong();
    }

    /** The counts of ended jobs, for a summary line. */
    static String endedCounts(JsonNode batch) {
        JsonNode counts = batch.path("request_counts");
        return String.format("%d succeeded, %d failed, %d cancelled", counts.path("succeeded").asLong(),
                counts.path("failed").asLong(), counts.path("cancelled").asLong());
    }

    /** The counts of ended jobs, short enough to leave a progress bar room on a narrow terminal. */
    static String shortCounts(JsonNode batch) {
        JsonNode counts = batch.path("request_counts");
        return String.format("ok %d, failed %d, cancelled %d", counts.path("succeeded").asLong(),
                counts.path("failed").asLong(), counts.path("cancelled").asLong());
    }
}
