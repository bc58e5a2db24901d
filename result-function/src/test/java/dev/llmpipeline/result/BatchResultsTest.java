package dev.llmpipeline.result;

import static dev.llmpipeline.result.BatchFixture.SETTLE;
import static dev.llmpipeline.result.BatchFixture.asBob;
import static dev.llmpipeline.result.BatchFixture.getResults;
import static dev.llmpipeline.result.ResultFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /batches/{id}/results}: finished jobs in the order they finished, paged with an opaque cursor, held
 * back for the settle time, so that following the cursor returns every result exactly once.
 */
class BatchResultsTest {
    private static final String BATCH_ID = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c";
    private static final String OTHER_BATCH_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private final BatchFixture fixture = new BatchFixture();

    @Test
    void returnsFinishedJobsInTheOrderTheyFinishedWithCancelledOnesAmongThem() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 4);
        fixture.succeed(jobs.get(2));
        fixture.advance(5);
        fixture.cancel(jobs.get(0));
        fixture.advance(5);
        fixture.fail(jobs.get(3));
        fixture.advance(5);
        fixture.succeed(jobs.get(1));
        fixture.advance(SETTLE.toMillis() + 1);

        JsonNode page = page(null, null);

        assertThat(page.get("results").findValuesAsText("job_id"))
                .containsExactly(jobs.get(2), jobs.get(0), jobs.get(3), jobs.get(1));
        assertThat(page.get("results").findValuesAsText("status"))
                .containsExactly("succeeded", "cancelled", "failed", "succeeded");
        assertThat(page.get("results").get(0).get("custom_id").asText()).isEqualTo("row-3");
        assertThat(page.get("results").get(0).at("/output/text").asText()).isEqualTo("ok");
        assertThat(page.get("next_cursor").isNull()).as("every job ended and settled").isTrue();
    }

    @Test
    void pagesWithTheCursorThroughEveryResultExactlyOnce() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 7);
        jobs.forEach(job -> {
            fixture.succeed(job);
            fixture.advance(jobs.indexOf(job) % 2); // two at a time finish in the same millisecond
        });
        fixture.advance(SETTLE.toMillis() + 1);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page("3", cursor);
            page.get("results").forEach(result -> seen.add(result.get("job_id").asText()));
            pageSizes.add(page.get("results").size());
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(pageSizes).startsWith(3, 3).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3));
    }

    @Test
    void aResultWhoseWriteLandsLongAfterItsStampIsStillReturnedOnce() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 3);
        fixture.start(jobs.get(0));
        fixture.advance(10);
        Instant stamped = fixture.now();
        fixture.advance(10);
        fixture.succeed(jobs.get(1));
        fixture.advance(SETTLE.toMillis() * 5);
        fixture.succeed(jobs.get(2));
        fixture.advance(SETTLE.toMillis() + 1);

        // Job 0 is still running: nothing that finished after its claim may be handed out yet.
        JsonNode first = page(null, null);
        assertThat(first.get("results")).isEmpty();
        assertThat(first.get("next_cursor").isNull()).isFalse();

        // Its write lands now, stamped long ago, before job 1 finished.
        fixture.succeedStampedAt(jobs.get(0), stamped);
        List<String> seen = new ArrayList<>();
        String cursor = first.get("next_cursor").asText();
        for (int pages = 0; cursor != null && pages < 5; pages++) {
            JsonNode page = page(null, cursor);
            page.get("results").forEach(result -> seen.add(result.get("job_id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            fixture.advance(SETTLE.toMillis() + 1);
        }

        assertThat(seen).containsExactly(jobs.get(0), jobs.get(1), jobs.get(2));
        assertThat(cursor).isNull();
    }

    @Test
    void answersWithAHundredResultsByDefault() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 150);
        jobs.forEach(fixture::succeed);
        fixture.advance(SETTLE.toMillis() + 1);

        JsonNode page = page(null, null);

        assertThat(page.get("results")).hasSize(100);
        assertThat(page.get("next_cursor").isTextual()).isTrue();
        assertThat(page("1000", page.get("next_cursor").asText()).get("results")).hasSize(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "abc", "", "2.5", "99999999999"})
    void refusesALimitOutside1To1000(String limit) {
        fixture.acceptedBatch(BATCH_ID, 1);

        APIGatewayV2HTTPResponse response = fixture.handle(getResults(BATCH_ID, Map.of("limit", limit)));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("validation_error");
        assertThat(json(response).at("/error/message").asText()).startsWith("limit").contains("1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1000"})
    void acceptsTheLimitsBounds(String limit) {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 2);
        jobs.forEach(fixture::succeed);
        fixture.advance(SETTLE.toMillis() + 1);

        assertThat(page(limit, null).get("results")).hasSize(Math.min(2, Integer.parseInt(limit)));
    }

    @Test
    void refusesAForgedCursorAndOneOfAnotherBatch() {
        fixture.acceptedBatch(BATCH_ID, 1);
        List<String> others = fixture.acceptedBatch(OTHER_BATCH_ID, 2);
        fixture.succeed(others.get(0));
        fixture.advance(SETTLE.toMillis() + 1);
        String othersCursor = page(OTHER_BATCH_ID, "1", null).get("next_cursor").asText();
        String malformed = Base64.getUrlEncoder().encodeToString(("v1:" + BATCH_ID + ":12:../../etc")
                .getBytes(StandardCharsets.UTF_8));

        for (String cursor : List.of(othersCursor, "not-a-cursor", "djE6Zm9yZ2Vk", "%%%", "", malformed)) {
            APIGatewayV2HTTPResponse response = fixture.handle(getResults(BATCH_ID, Map.of("cursor", cursor)));

            assertThat(response.getStatusCode()).as("cursor '%s'", cursor).isEqualTo(400);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("validation_error");
            assertThat(json(response).at("/error/message").asText()).startsWith("cursor");
        }
        assertThat(page(OTHER_BATCH_ID, "1", othersCursor).get("results")).as("the cursor works where it belongs")
                .isEmpty();
    }

    @Test
    void holdsBackResultsThatFinishedWithinTheSettleTime() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 2);
        fixture.succeed(jobs.get(0));

        JsonNode atOnce = page(null, null);
        fixture.advance(SETTLE.toMillis() - 1);
        JsonNode justBefore = page(null, atOnce.get("next_cursor").asText());
        fixture.advance(2);
        JsonNode settled = page(null, justBefore.get("next_cursor").asText());

        assertThat(atOnce.get("results")).isEmpty();
        assertThat(justBefore.get("results")).isEmpty();
        assertThat(settled.get("results").findValuesAsText("job_id")).containsExactly(jobs.get(0));
        assertThat(settled.get("next_cursor").isTextual()).as("a job is still queued").isTrue();
    }

    @Test
    void returnsAJobThatFinishesAfterAPageWasReadOnTheNextPageAndNeverTwice() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 3);
        fixture.succeed(jobs.get(0));
        fixture.advance(1);
        fixture.succeed(jobs.get(1));
        fixture.advance(1);
        fixture.start(jobs.get(2)); // claimed after the others finished: it cannot land before them
        fixture.advance(SETTLE.toMillis() + 1);
        JsonNode first = page(null, null);
        String cursor = first.get("next_cursor").asText();

        fixture.advance(1);
        fixture.succeed(jobs.get(2));
        JsonNode beforeSettled = page(null, cursor);
        fixture.advance(SETTLE.toMillis() + 1);
        JsonNode second = page(null, beforeSettled.get("next_cursor").asText());
        JsonNode afterTheEnd = page(null, cursor);

        assertThat(first.get("results").findValuesAsText("job_id")).containsExactly(jobs.get(0), jobs.get(1));
        assertThat(beforeSettled.get("results")).isEmpty();
        assertThat(second.get("results").findValuesAsText("job_id")).containsExactly(jobs.get(2));
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertThat(afterTheEnd.get("results").findValuesAsText("job_id")).as("the old cursor again")
                .containsExactly(jobs.get(2));
    }

    @Test
    void givesANextCursorUntilEveryJobEndedAndSettled() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 2);
        fixture.succeed(jobs.get(0));
        fixture.advance(SETTLE.toMillis() + 1);
        JsonNode oneQueued = page(null, null);
        fixture.succeed(jobs.get(1));
        JsonNode lastUnsettled = page(null, oneQueued.get("next_cursor").asText());
        fixture.advance(SETTLE.toMillis() + 1);
        JsonNode done = page(null, lastUnsettled.get("next_cursor").asText());

        assertThat(oneQueued.get("results")).hasSize(1);
        assertThat(oneQueued.get("next_cursor").isTextual()).isTrue();
        assertThat(lastUnsettled.get("results")).isEmpty();
        assertThat(lastUnsettled.get("next_cursor").isTextual()).as("the last result has not settled").isTrue();
        assertThat(done.get("results").findValuesAsText("job_id")).containsExactly(jobs.get(1));
        assertThat(done.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void givesACursorForAnEmptyPageBeforeAnyJobFinishedThatLeadsToTheFirstResults() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 2);

        JsonNode empty = page(null, null);
        fixture.succeed(jobs.get(1));
        fixture.advance(SETTLE.toMillis() + 1);
        JsonNode next = page(null, empty.get("next_cursor").asText());

        assertThat(empty.get("results")).isEmpty();
        assertThat(empty.get("next_cursor").isTextual()).isTrue();
        assertThat(next.get("results").findValuesAsText("job_id")).containsExactly(jobs.get(1));
    }

    @Test
    void answersAnotherOwnerAnUnknownIdAndABatchStillBeingAcceptedAlikeWith404() {
        fixture.acceptedBatch(BATCH_ID, 1).forEach(fixture::succeed);
        String accepting = UUID.randomUUID().toString();
        fixture.batch(accepting, 1, false).forEach(fixture::succeed);
        fixture.advance(SETTLE.toMillis() + 1);

        assertThat(List.of(fixture.handle(asBob(getResults(BATCH_ID, null))),
                fixture.handle(getResults(UUID.randomUUID().toString(), null)),
                fixture.handle(getResults(accepting, null))))
                .allSatisfy(response -> assertThat(response.getStatusCode()).isEqualTo(404));
    }

    private JsonNode page(String limit, String cursor) {
        return page(BATCH_ID, limit, cursor);
    }

    private JsonNode page(String batchId, String limit, String cursor) {
        Map<String, String> query = new HashMap<>();
        if (limit != null) {
            query.put("limit", limit);
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        APIGatewayV2HTTPResponse response = fixture.handle(getResults(batchId, query.isEmpty() ? null : query));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return json(response);
    }
}
