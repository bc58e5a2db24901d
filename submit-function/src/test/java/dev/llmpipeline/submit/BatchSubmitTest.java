package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.BatchEvents.JSONL;
import static dev.llmpipeline.submit.BatchEvents.deleteBatch;
import static dev.llmpipeline.submit.BatchEvents.postBatch;
import static dev.llmpipeline.submit.BatchEvents.validLines;
import static dev.llmpipeline.submit.SubmitFixture.ALICE;
import static dev.llmpipeline.submit.SubmitFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.submit.FaultyJobQueue.Fault;
import dev.llmpipeline.submit.FaultyJobQueue.FunctionDied;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Accepting a batch: every job stored and enqueued exactly once, in chunks, before the 202; a failure rolls the batch
 * back, and a function that dies half-way leaves a batch nobody ever sees, so no accepted batch has a job that was
 * stored but never enqueued.
 */
class BatchSubmitTest {

    @Test
    void acceptsABatchWith202ItsLocationAndEveryJobQueued() {
        try (BatchSubmitFixture fixture = new BatchSubmitFixture()) {
            APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, validLines(3)));

            JsonNode batch = json(response);
            String batchId = batch.get("batch_id").asText();
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
            assertThat(response.getHeaders()).containsEntry("Location", "/batches/" + batchId);
            assertThat(batch.get("status").asText()).isEqualTo("in_progress");
            assertThat(batch.get("created_at").asText()).isEqualTo("2026-01-01T00:00:00.250Z");
            assertThat(batch.get("completed_at").isNull()).isTrue();
            assertThat(batch.get("request_counts")).isEqualTo(parse(
                    "{\"total\":3,\"queued\":3,\"running\":0,\"succeeded\":0,\"failed\":0,\"cancelled\":0}"));
            assertThat(batch.get("metadata").isEmpty()).isTrue();
            Batch stored = fixture.store.findBatch(batchId).orElseThrow();
            assertThat(stored.state()).isEqualTo(BatchState.ACCEPTED);
            assertThat(stored.total()).isEqualTo(3);
            assertThat(stored.isVisibleTo(ALICE)).isTrue();
        }
    }

    @Test
    void storesEveryJobQueuedWithItsBatchIdCustomIdAndOwner() {
        try (BatchSubmitFixture fixture = new BatchSubmitFixture()) {
            String batchId = json(fixture.handle(postBatch(JSONL, validLines(4)))).get("batch_id").asText();

            assertThat(fixture.store.jobs()).hasSize(4).allSatisfy(job -> {
                assertThat(job.batchId()).isEqualTo(batchId);
                assertThat(job.owner()).isEqualTo(ALICE);
                assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
                assertThat(job.params().maxNewTokens()).isEqualTo(128);
                assertThat(job.prompt()).isEqualTo("Summarise item " + job.customId().substring("row-".length()));
            });
            assertThat(fixture.store.jobs()).extracting(Job::customId)
                    .containsExactlyInAnyOrder("row-1", "row-2", "row-3", "row-4");
            assertThat(fixture.store.jobs()).extracting(Job::jobId).doesNotHaveDuplicates().doesNotContain(batchId);
        }
    }

    @Test
    void writesInChunksOf25InParallelAndEnqueuesEachJobExactlyOnceAfterItIsStored() {
        try (BatchSubmitFixture fixture = new BatchSubmitFixture(FaultyJobQueue.healthy(), 16)) {
            APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, validLines(1_003)));

            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
            List<String> stored = fixture.store.jobs().stream().map(Job::jobId).toList();
            assertThat(stored).hasSize(1_003);
            assertThat(fixture.queue.enqueued()).hasSize(1_003).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(fixture.queue.enqueuedUnstored()).as("jobs enqueued before they were stored").isEmpty();
            assertThat(fixture.batches.putSizes()).hasSize(41).allSatisfy(size -> assertThat(size).isBetween(1, 25));
        }
    }

    @Test
    void rollsBackAndAnswers500WhenTheQueueFailsMidway() {
        try (BatchSubmitFixture fixture = new BatchSubmitFixture(new FaultyJobQueue(7, Fault.QUEUE_REFUSES), 8)) {
            APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, validLines(250)));

            assertThat(response.getStatusCode()).isEqualTo(500);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("internal_error");
            assertThat(fixture.queue.enqueued()).as("some chunks were enqueued before the failure").isNotEmpty();
            String batchId = fixture.batches.createdBatchIds().get(0);
            assertThat(fixture.queuedJobsOf(batchId)).as("queued jobs left of the failed batch").isEmpty();
            assertThat(fixture.store.findBatch(batchId)).isEmpty();
            assertThat(fixture.handle(deleteBatch(batchId)).getStatusCode()).isEqualTo(404);
        }
    }

    @Test
    void leavesABatchWhoseFunctionDiesHalfwayInvisibleAndNeverAccepted() throws Exception {
        FaultyJobQueue freezing = new FaultyJobQueue(2, Fault.FUNCTION_FREEZES);
        try (BatchSubmitFixture fixture = new BatchSubmitFixture(freezing, 4)) {
            CompletableFuture<APIGatewayV2HTTPResponse> upload = CompletableFuture.supplyAsync(
                    () -> fixture.handle(postBatch(JSONL, validLines(200))));
            assertThat(freezing.awaitFrozen(10)).as("the upload reached the queue").isTrue();

            // The moment the process dies: whatever it wrote so far is all there will ever be.
            String batchId = fixture.batches.createdBatchIds().get(0);
            Batch batch = fixture.store.findBatch(batchId).orElseThrow();
            assertThat(batch.state()).isEqualTo(BatchState.ACCEPTING);
            assertThat(batch.isVisibleTo(ALICE)).isFalse();
            assertThat(freezing.enqueued()).isNotEmpty().hasSizeLessThan(200);
            assertThat(fixture.jobsOf(batchId)).extracting(Job::jobId).containsAll(freezing.enqueued());
            assertThat(fixture.handle(deleteBatch(batchId)).getStatusCode()).isEqualTo(404);
            assertThat(upload).isNotDone();

            freezing.release();
            upload.handle((response, failure) -> null).get(10, TimeUnit.SECONDS);
            assertThat(fixture.store.findBatch(batchId).map(Batch::state)).as("never accepted")
                    .isNotEqualTo(Optional.of(BatchState.ACCEPTED));
        }
    }

    @Test
    void letsAnErrorMidwayEndTheInvocationWithoutAnAnswerAndLeavesTheBatchInvisible() {
        try (BatchSubmitFixture fixture = new BatchSubmitFixture(new FaultyJobQueue(1, Fault.FUNCTION_DIES), 0)) {
            assertThatThrownBy(() -> fixture.handle(postBatch(JSONL, validLines(100))))
                    .as("a dying function answers nothing").isInstanceOf(FunctionDied.class);

            String batchId = fixture.batches.createdBatchIds().get(0);
            assertThat(fixture.store.findBatch(batchId)).hasValueSatisfying(batch -> {
                assertThat(batch.state()).isEqualTo(BatchState.ACCEPTING);
                assertThat(batch.isVisibleTo(ALICE)).isFalse();
            });
            assertThat(fixture.handle(deleteBatch(batchId)).getStatusCode()).isEqualTo(404);
        }
    }

    @Test
    void givesEveryBatchItsOwnId() {
        try (BatchSubmitFixture fixture = new BatchSubmitFixture()) {
            List<String> ids = IntStream.range(0, 5)
                    .mapToObj(index -> json(fixture.handle(postBatch(JSONL, validLines(1)))).get("batch_id").asText())
                    .toList();

            assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f-]{36}"));
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
