package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Follows {@code GET /batches/{id}/results} from the first page until {@code next_cursor} is null. Results appear as
 * jobs finish: while the batch runs, the last page comes back empty with a cursor, and the pager asks again with that
 * cursor after a pause. Each job is handed over once, even if a page repeats one. Not thread-safe.
 */
final class ResultPager {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** One page of results: {@code GET /batches/{id}/results?cursor=}. */
    @FunctionalInterface
    interface Pages {
        /** Fetches the page at this cursor; null is the first page. */
        PipelineClient.Response fetch(String cursor);
    }

    /** Receives each finished job object, in the order the jobs finished. */
    @FunctionalInterface
    interface ResultSink {
        void accept(JsonNode job) throws IOException;
    }

    private final Pages pages;
    private final Pause pause;
    private final TransientRetry retry;

    ResultPager(Pages pages, Pause pause) {
        this.pages = pages;
        this.pause = pause;
        this.retry = new TransientRetry(pause);
    }

    /**
     * Hands every result of the batch to the sink, waiting for jobs that have not finished yet.
     *
     * @return the number of results handed over
     * @throws ResponseException if the API refuses a page (unknown batch, bad token, a fault that persists)
     */
    long drainTo(ResultSink sink) throws IOException, InterruptedException {
        Set<String> seenJobIds = new HashSet<>();
        long handed = 0;
        String cursor = null;
        while (true) {
            String current = cursor;
            PipelineClient.Response response = retry.call(() -> pages.fetch(current));
            if (!response.ok()) {
                throw new ResponseException("results page", response);
            }
            JsonNode results = response.body().path("results");
            if (!results.isArray()) {
                throw new IOException("a results page without a results array: " + response.body());
            }
            int fresh = 0;
            for (JsonNode job : results) {
                if (seenJobIds.add(job.path("job_id").asText())) {
                    sink.accept(job);
                    fresh++;
                    handed++;
                }
            }
            JsonNode next = response.body().path("next_cursor");
            if (next.isNull() || next.isMissingNode()) {
                return handed;
            }
            if (fresh == 0) {
                // Nothing new has finished: give the batch time before asking again at the same place.
                pause.pause(POLL_INTERVAL);
            }
            cursor = next.asText();
        }
    }
}
