package dev.llmpipeline.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * What the batch end-to-end tests do through the HTTP API, with raw requests: upload, read, page, cancel. Polls are
 * paced, so that a test reading a large batch does not starve the one table server the workers write to.
 */
final class BatchesApi {
    static final String JSONL = "application/jsonl";
    private static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private BatchesApi() {
    }

    /** One request line. */
    static String line(String customId, String prompt, int maxNewTokens) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("custom_id", customId);
        request.put("prompt", prompt);
        request.put("max_new_tokens", maxNewTokens);
        return Json.write(request);
    }

    /** {@code POST /batches} with this body and content type. */
    static Response upload(PipelineClient client, String contentType, byte[] body) {
        return client.send(client.request("/batches").timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** {@code POST /batches} with these JSONL lines, each ended by a newline. */
    static Response upload(PipelineClient client, List<String> lines) {
        return upload(client, JSONL, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Response get(PipelineClient client, String batchId) {
        return client.send(client.request("/batches/" + batchId).GET().build());
    }

    static Response results(PipelineClient client, String batchId, int limit, String cursor) {
        String query = "?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        return client.send(client.request("/batches/" + batchId + "/results" + query).GET().build());
    }

    static Response cancel(PipelineClient client, String batchId) {
        return client.send(client.request("/batches/" + batchId).DELETE().build());
    }

    /** The batch id of a 202 answer, after checking the status, the {@code Location} and the counts. */
    static String acceptedBatchId(Response response, int total) {
        assertThat(response.status()).as("POST /batches answer %s", response.body()).isEqualTo(202);
        String batchId = response.body().path("batch_id").asText();
        assertThat(response.headers()).containsEntry("location", "/batches/" + batchId);
        assertThat(response.body().path("status").asText()).isEqualTo("in_progress");
        assertThat(response.body().at("/request_counts/total").asInt()).isEqualTo(total);
        assertThat(response.body().at("/request_counts/queued").asInt()).isEqualTo(total);
        return batchId;
    }

    /** Checks that the batch's counts add up to its total, and returns them. */
    static JsonNode assertCountsAddUp(JsonNode batch, int total) {
        JsonNode counts = batch.path("request_counts");
        int sum = counts.path("queued").asInt() + counts.path("running").asInt() + counts.path("succeeded").asInt()
                + counts.path("failed").asInt() + counts.path("cancelled").asInt();
        assertThat(counts.path("total").asInt()).as("total of %s", batch).isEqualTo(total);
        assertThat(sum).as("sum of the counts of %s", batch).isEqualTo(total);
        return counts;
    }

    /**
     * Polls {@code GET /batches/{id}} until no job is queued or running, checking every answer with
     * {@code atEveryPoll}; returns the last answer.
     */
    static JsonNode awaitEnded(PipelineClient client, String batchId, Duration timeout,
                               Consumer<JsonNode> atEveryPoll) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Response response = get(client, batchId);
            assertThat(response.status()).as("GET /batches/%s answer %s", batchId, response.body()).isEqualTo(200);
            JsonNode batch = response.body();
            atEveryPoll.accept(batch);
            if (batch.at("/request_counts/queued").asInt() == 0 && batch.at("/request_counts/running").asInt() == 0) {
                return batch;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("batch " + batchId + " did not end within " + timeout + ": " + batch);
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
    }

    /** A page of results read, and what {@code GET /batches/{id}} answered right after it. */
    record PageRead(JsonNode page, JsonNode batchAfter) {
        List<JsonNode> results() {
            List<JsonNode> results = new ArrayList<>();
            page.path("results").forEach(results::add);
            return results;
        }

        /** Whether a job of the batch was still queued or running after this page was read. */
        boolean readWhileJobsRemained() {
            return batchAfter != null && batchAfter.at("/request_counts/queued").asInt()
                    + batchAfter.at("/request_counts/running").asInt() > 0;
        }
    }

    /**
     * Follows {@code next_cursor} from the first page until it is null, pausing briefly after an empty page;
     * with {@code readBatchAfterEachPage}, reads the batch after every page as well.
     */
    static List<PageRead> pageToTheEnd(PipelineClient client, String batchId, int limit, Duration timeout,
                                       boolean readBatchAfterEachPage) {
        Instant deadline = Instant.now().plus(timeout);
        List<PageRead> pages = new ArrayList<>();
        String cursor = null;
        do {
            Response response = results(client, batchId, limit, cursor);
            assertThat(response.status()).as("results of %s: %s", batchId, response.body()).isEqualTo(200);
            JsonNode page = response.body();
            assertThat(page.path("results").size()).isLessThanOrEqualTo(limit);
            JsonNode batchAfter = readBatchAfterEachPage ? get(client, batchId).body() : null;
            pages.add(new PageRead(page, batchAfter));
            JsonNode next = page.path("next_cursor");
            assertThat(next.isNull() || next.isTextual()).as("next_cursor of %s", page).isTrue();
            cursor = next.isNull() ? null : next.asText();
            if (cursor != null && Instant.now().isAfter(deadline)) {
                throw new AssertionError("results of batch " + batchId + " still not at their end after " + timeout);
            }
            if (cursor != null && page.path("results").isEmpty()) {
                LockSupport.parkNanos(POLL_PAUSE_NANOS);
            }
        } while (cursor != null);
        return pages;
    }

    /** Every result of every page, in the order they were read. */
    static List<JsonNode> resultsOf(List<PageRead> pages) {
        return pages.stream().flatMap(page -> page.results().stream()).toList();
    }
}
