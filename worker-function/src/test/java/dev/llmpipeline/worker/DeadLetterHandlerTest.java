package dev.llmpipeline.worker;

import static dev.llmpipeline.worker.WorkerFixture.jobIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.testing.FakeLambdaContext;
import dev.llmpipeline.core.testing.LocalTelemetry;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code sqs/dead-letters.json}: three job messages (queued, running, succeeded jobs) and one that is not a job's. */
class DeadLetterHandlerTest {
    private final WorkerFixture fixture = new WorkerFixture();
    private final DeadLetterHandler handler = new DeadLetterHandler(fixture.store, fixture.clock,
            LocalTelemetry.of(DeadLetterHandler.SERVICE));

    @ParameterizedTest
    @Event(value = "sqs/dead-letters.json", type = SQSEvent.class)
    void failsQueuedAndAbandonedRunningJobsAsRetriesExhausted(SQSEvent event) {
        Job queued = fixture.queueJob(jobIdOf(event.getRecords().get(0)), "prompt", 32);
        Job running = fixture.queueJob(jobIdOf(event.getRecords().get(1)), "prompt", 32);
        // Its worker died: the lease ran out a millisecond ago.
        fixture.store.claim(running.jobId(), fixture.clock.instant().minus(WorkerFixture.LEASE).minusMillis(1),
                WorkerFixture.LEASE, 5);

        SQSBatchResponse response = handler.handleRequest(event, new FakeLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        for (Job job : new Job[] {queued, running}) {
            Job dead = fixture.job(job.jobId());
            assertThat(dead.status()).isEqualTo(JobStatus.FAILED);
            assertThat(dead.error().code()).isEqualTo(JobErrorCode.RETRIES_EXHAUSTED);
            assertThat(dead.error().message()).isNotBlank();
            assertThat(dead.completedAt()).isEqualTo(fixture.clock.instant());
        }
    }

    @ParameterizedTest
    @Event(value = "sqs/dead-letters.json", type = SQSEvent.class)
    void returnsTheMessageOfAJobHeldUnderALiveLease(SQSEvent event) {
        SQSEvent.SQSMessage message = event.getRecords().get(1);
        Job running = fixture.queueJob(jobIdOf(message), "prompt", 32);
        fixture.store.claim(running.jobId(), fixture.clock.instant(), WorkerFixture.LEASE, 4);
        event.setRecords(java.util.List.of(message));

        SQSBatchResponse response = handler.handleRequest(event, new FakeLambdaContext());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(message.getMessageId());
        assertThat(fixture.job(running.jobId()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @ParameterizedTest
    @Event(value = "sqs/dead-letters.json", type = SQSEvent.class)
    void leavesASucceededJobAsItIs(SQSEvent event) {
        Job job = fixture.queueJob(jobIdOf(event.getRecords().get(2)), "prompt", 32);
        var claim = (ClaimResult.Claimed) fixture.store.claim(job.jobId(), fixture.clock.instant(),
                WorkerFixture.LEASE, 5);
        fixture.store.complete(Completion.succeeded(job.jobId(), claim.claimToken(),
                new Generation("late but fine", 3, FinishReason.STOP), fixture.clock.instant(),
                new Timings(20, 300, 500, 5, 8)));
        Job succeeded = fixture.job(job.jobId());

        SQSBatchResponse response = handler.handleRequest(event, new FakeLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fixture.job(job.jobId())).isEqualTo(succeeded);
    }
}
