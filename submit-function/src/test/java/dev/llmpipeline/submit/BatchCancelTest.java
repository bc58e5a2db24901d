package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.BatchEvents.JSONL;
import static dev.llmpipeline.submit.BatchEvents.deleteBatch;
import static dev.llmpipeline.submit.BatchEvents.postBatch;
import static dev.llmpipeline.submit.BatchEvents.validLines;
import static dev.llmpipeline.submit.SubmitFixture.ALICE;
import static dev.llmpipeline.submit.SubmitFixture.as;
import static dev.llmpipeline.submit.SubmitFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code DELETE /batches/{id}}: what is still queued is cancelled for good; what a worker holds finishes. */
class BatchCancelTest {
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final BatchSubmitFixture fixture = new BatchSubmitFixture();
    private final String batchId = json(fixture.handle(postBatch(JSONL, validLines(5)))).get("batch_id").asText();
    private final List<Job> jobs = fixture.jobsOf(batchId);

    @AfterEach
    void stopWriters() {
        fixture.close();
    }

    @Test
    void cancelsOnlyTheQueuedJobsAndLeavesRunningAndFinishedOnesAlone() {
        Instant now = fixture.base.clock.instant();
        String running = jobs.get(0).jobId();
        String succeeded = jobs.get(1).jobId();
        fixture.store.claim(running, now, LEASE, 1);
        var claim = (ClaimResult.Claimed) fixture.store.claim(succeeded, now, LEASE, 1);
        fixture.store.complete(Completion.succeeded(succeeded, claim.claimToken(),
                new Generation("done", 1, FinishReason.STOP), now.plusMillis(10), new Timings(1, 2, 10, 1, 1)));
        fixture.base.clock.advance(Duration.ofMillis(500));

        APIGatewayV2HTTPResponse response = fixture.handle(deleteBatch(batchId));

        JsonNode batch = json(response);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(batch.get("batch_id").asText()).isEqualTo(batchId);
        assertThat(batch.get("status").asText()).isEqualTo("cancelled");
        assertThat(batch.at("/request_counts/total").asInt()).isEqualTo(5);
        assertThat(batch.at("/request_counts/queued").asInt()).isZero();
        assertThat(batch.at("/request_counts/running").asInt()).isEqualTo(1);
        assertThat(batch.at("/request_counts/succeeded").asInt()).isEqualTo(1);
        assertThat(batch.at("/request_counts/cancelled").asInt()).isEqualTo(3);
        assertThat(status(running)).isEqualTo(JobStatus.RUNNING);
        assertThat(status(succeeded)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.subList(2, 5)).allSatisfy(job -> {
            Job cancelled = fixture.store.find(job.jobId()).orElseThrow();
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelled.completedAt()).isEqualTo(fixture.base.clock.instant());
            assertThat(fixture.store.claim(job.jobId(), fixture.base.clock.instant(), LEASE, 1))
                    .as("a worker skips a cancelled job").isInstanceOf(ClaimResult.Finished.class);
        });
        assertThat(fixture.store.findBatch(batchId).orElseThrow().state()).isEqualTo(BatchState.CANCELLED);
    }

    @Test
    void answersASecondCancelWithTheSameCancelledBatch() {
        fixture.handle(deleteBatch(batchId));

        APIGatewayV2HTTPResponse again = fixture.handle(deleteBatch(batchId));

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asText()).isEqualTo("cancelled");
        assertThat(json(again).at("/request_counts/cancelled").asInt()).isEqualTo(5);
    }

    @Test
    void answersAnotherOwnerExactlyAsForAnUnknownBatchAndCancelsNothing() {
        APIGatewayV2HTTPResponse bob = fixture.handle(as("user-bob", deleteBatch(batchId)));
        APIGatewayV2HTTPResponse unknown = fixture.handle(deleteBatch(UUID.randomUUID().toString()));

        assertThat(bob.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(json(bob).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(json(bob).at("/error/message").asText())
                .isEqualTo(json(unknown).at("/error/message").asText().replaceAll("[0-9a-f-]{36}", batchId));
        assertThat(fixture.queuedJobsOf(batchId)).hasSize(5);
    }

    @Test
    void answersAnIdThatCannotBeOursAs404() {
        assertThat(fixture.handle(deleteBatch("not-a-batch-id")).getStatusCode()).isEqualTo(404);
        assertThat(fixture.handle(deleteBatch("x".repeat(2_000))).getStatusCode()).isEqualTo(404);
    }

    @Test
    void answersABatchStillBeingAcceptedAs404AndCancelsNone() {
        String accepting = UUID.randomUUID().toString();
        Instant now = fixture.base.clock.instant();
        fixture.store.createBatch(new Batch(accepting, ALICE, BatchState.ACCEPTING, now, null, 2, Map.of()));
        fixture.store.putJobs(List.of(
                Job.queued(UUID.randomUUID().toString(), ALICE, "a", new GenerationParams(8), "a", accepting,
                        Map.of(), now, null),
                Job.queued(UUID.randomUUID().toString(), ALICE, "b", new GenerationParams(8), "b", accepting,
                        Map.of(), now, null)));

        APIGatewayV2HTTPResponse response = fixture.handle(deleteBatch(accepting));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(fixture.queuedJobsOf(accepting)).hasSize(2);
        assertThat(fixture.store.findBatch(accepting).orElseThrow().state()).isEqualTo(BatchState.ACCEPTING);
    }

    private JobStatus status(String jobId) {
        return fixture.store.find(jobId).orElseThrow().status();
    }
}
