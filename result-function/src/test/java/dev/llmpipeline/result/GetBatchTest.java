package dev.llmpipeline.result;

import static dev.llmpipeline.result.BatchFixture.asBob;
import static dev.llmpipeline.result.BatchFixture.getBatch;
import static dev.llmpipeline.result.ResultFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code GET /batches/{id}}: the counts are read from the jobs, so they always equal the jobs' real states. */
class GetBatchTest {
    private static final String BATCH_ID = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c";

    private final BatchFixture fixture = new BatchFixture();

    @Test
    void countsEveryJobByItsStatus() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 6);
        fixture.start(jobs.get(0));
        fixture.succeed(jobs.get(1));
        fixture.succeed(jobs.get(2));
        fixture.fail(jobs.get(3));
        fixture.cancel(jobs.get(4));

        APIGatewayV2HTTPResponse response = fixture.handle(getBatch(BATCH_ID));

        JsonNode batch = json(response);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(batch.get("batch_id").asText()).isEqualTo(BATCH_ID);
        assertThat(batch.get("status").asText()).isEqualTo("in_progress");
        assertThat(batch.get("created_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(batch.get("completed_at").isNull()).isTrue();
        assertThat(batch.at("/metadata/project").asText()).isEqualTo("eval-7");
        assertCounts(batch, 6, 1, 1, 2, 1, 1);
    }

    @Test
    void keepsTheCountsSummingToTheTotalThroughEveryTransition() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 4);
        List<Consumer<BatchFixture>> steps = List.of(
                f -> f.start(jobs.get(0)), f -> f.start(jobs.get(1)), f -> f.cancel(jobs.get(2)),
                f -> f.succeed(jobs.get(0)), f -> f.fail(jobs.get(3)), f -> f.succeed(jobs.get(1)));

        for (Consumer<BatchFixture> step : steps) {
            step.accept(fixture);
            fixture.advance(10);
            JsonNode counts = json(fixture.handle(getBatch(BATCH_ID))).get("request_counts");
            int sum = counts.get("queued").asInt() + counts.get("running").asInt() + counts.get("succeeded").asInt()
                    + counts.get("failed").asInt() + counts.get("cancelled").asInt();
            assertThat(sum).as("counts %s", counts).isEqualTo(counts.get("total").asInt()).isEqualTo(4);
        }
        assertCounts(json(fixture.handle(getBatch(BATCH_ID))), 4, 0, 0, 2, 1, 1);
    }

    @Test
    void completesOnceNoJobIsQueuedOrRunningAtTheTimeTheLastOneEnded() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 3);
        fixture.start(jobs.get(2));
        fixture.succeed(jobs.get(0));
        fixture.advance(250);
        fixture.fail(jobs.get(1));
        assertThat(json(fixture.handle(getBatch(BATCH_ID))).get("status").asText()).isEqualTo("in_progress");
        fixture.advance(750);
        fixture.succeed(jobs.get(2));
        String lastEnd = fixture.clock.instant().toString();
        fixture.advance(5_000);

        JsonNode batch = json(fixture.handle(getBatch(BATCH_ID)));

        assertThat(batch.get("status").asText()).isEqualTo("completed");
        assertThat(batch.get("completed_at").asText()).isEqualTo(lastEnd);
        assertCounts(batch, 3, 0, 0, 2, 1, 0);
    }

    @Test
    void isCancelledOnceTheClientCancelledItAndCompletedAtOnlyOnceTheRunningJobsEnd() {
        List<String> jobs = fixture.acceptedBatch(BATCH_ID, 3);
        fixture.start(jobs.get(0));
        fixture.store.markCancelled(BATCH_ID, fixture.clock.instant());
        fixture.cancel(jobs.get(1));
        fixture.cancel(jobs.get(2));

        JsonNode whileRunning = json(fixture.handle(getBatch(BATCH_ID)));
        fixture.advance(400);
        fixture.succeed(jobs.get(0));
        JsonNode ended = json(fixture.handle(getBatch(BATCH_ID)));

        assertThat(whileRunning.get("status").asText()).isEqualTo("cancelled");
        assertThat(whileRunning.get("completed_at").isNull()).isTrue();
        assertCounts(whileRunning, 3, 0, 1, 0, 0, 2);
        assertThat(ended.get("status").asText()).isEqualTo("cancelled");
        assertThat(ended.get("completed_at").asText()).isEqualTo(fixture.clock.instant().toString());
        assertCounts(ended, 3, 0, 0, 1, 0, 2);
    }

    @Test
    void answersAnotherOwnerAnUnknownIdAndABatchStillBeingAcceptedAlikeWith404() {
        fixture.acceptedBatch(BATCH_ID, 2);
        String accepting = UUID.randomUUID().toString();
        fixture.batch(accepting, 2, false);

        List<APIGatewayV2HTTPResponse> responses = List.of(
                fixture.handle(asBob(getBatch(BATCH_ID))),
                fixture.handle(getBatch(UUID.randomUUID().toString())),
                fixture.handle(getBatch(accepting)),
                fixture.handle(getBatch("not-an-id")));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("not_found");
            assertThat(json(response).at("/error/message").asText()).startsWith("batch ");
        });
    }

    private static void assertCounts(JsonNode batch, int total, int queued, int running, int succeeded, int failed,
                                     int cancelled) {
        JsonNode counts = batch.get("request_counts");
        assertThat(counts.get("total").asInt()).as("total in %s", counts).isEqualTo(total);
        assertThat(counts.get("queued").asInt()).as("queued in %s", counts).isEqualTo(queued);
        assertThat(counts.get("running").asInt()).as("running in %s", counts).isEqualTo(running);
        assertThat(counts.get("succeeded").asInt()).as("succeeded in %s", counts).isEqualTo(succeeded);
        assertThat(counts.get("failed").asInt()).as("failed in %s", counts).isEqualTo(failed);
        assertThat(counts.get("cancelled").asInt()).as("cancelled in %s", counts).isEqualTo(cancelled);
    }
}
