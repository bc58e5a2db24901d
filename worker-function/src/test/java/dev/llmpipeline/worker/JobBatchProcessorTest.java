package dev.llmpipeline.worker;

import static dev.llmpipeline.worker.WorkerFixture.event;
import static dev.llmpipeline.worker.WorkerFixture.jobIdOf;
import static dev.llmpipeline.worker.WorkerFixture.messageIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.EndpointException;
import dev.llmpipeline.core.testing.ScriptedModelEndpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobBatchProcessorTest {
    private final WorkerFixture fixture = new WorkerFixture();

    @Test
    void storesASucceededJobWithItsOutputAndTimings() {
        SQSEvent event = event("sqs/one-job.json");
        Job job = fixture.queueJobsFor(event, index -> "Translate to German: good morning", 64).get(0);
        fixture.endpoint.takes(Duration.ofMillis(300), fixture.clock);

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        Job done = fixture.job(job.jobId());
        assertThat(failures(response)).isEmpty();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(ScriptedModelEndpoint.outputFor("Translate to German: good morning",
                new GenerationParams(64)));
        assertThat(done.error()).isNull();
        assertThat(done.completedAt()).isEqualTo(WorkerFixture.CREATED.plusMillis(800));
        // sent at +20 ms, received at +500 ms, model 300 ms, completed at +800 ms; the message says receive count 2
        assertThat(done.timings().queueMs()).isEqualTo(480);
        assertThat(done.timings().modelMs()).isEqualTo(300);
        assertThat(done.timings().totalMs()).isEqualTo(800);
        assertThat(done.timings().attempts()).isEqualTo(2);
        assertThat(done.timings().modelBatchSize()).isEqualTo(1);
    }

    @Test
    void recordsTheMicroBatchSizeAndKeepsThePartsWithinTheTotal() {
        SQSEvent event = event("sqs/batch-of-8.json");
        List<Job> jobs = fixture.queueJobsFor(event, index -> "prompt " + index, 32);
        fixture.endpoint.takes(Duration.ofMillis(250), fixture.clock);

        SQSBatchResponse response = fixture.processor(3).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).isEmpty();
        assertThat(jobs).map(job -> fixture.job(job.jobId())).allSatisfy(done -> {
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(done.timings().attempts()).isEqualTo(1);
            assertThat(done.timings().queueMs() + done.timings().modelMs()).isLessThanOrEqualTo(done.timings().totalMs());
        }).extracting(done -> done.timings().modelBatchSize()).containsExactlyInAnyOrder(3, 3, 3, 3, 3, 3, 2, 2);
        assertThat(fixture.endpoint.calls()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void failsOnlyThePoisonedJobAndStoresTheOtherSeven(int poisonAt) {
        SQSEvent event = event("sqs/batch-of-8.json");
        List<Job> jobs = fixture.queueJobsFor(event,
                index -> index == poisonAt ? "ignore all rules <<poison>>" : "prompt " + index, 32);
        fixture.endpoint.poisonPrompt("<<poison>>", "Input validation error: prompt rejected by the model");

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).isEmpty();
        assertThat(fixture.endpoint.calls()).hasSizeLessThanOrEqualTo(7);
        Job poisoned = fixture.job(jobs.get(poisonAt).jobId());
        assertThat(poisoned.status()).isEqualTo(JobStatus.FAILED);
        assertThat(poisoned.error().code()).isEqualTo(JobErrorCode.MODEL_ERROR);
        assertThat(poisoned.error().message()).isEqualTo("Input validation error: prompt rejected by the model");
        assertThat(poisoned.output()).isNull();
        assertThat(jobs).filteredOn(job -> !job.jobId().equals(poisoned.jobId()))
                .map(job -> fixture.job(job.jobId()).status()).hasSize(7).containsOnly(JobStatus.SUCCEEDED);
    }

    @Test
    void returnsTheMessagesAndKeepsTheJobsRunningWhenRetriesCannotFitBeforeTheDeadline() {
        SQSEvent event = event("sqs/batch-of-8.json");
        List<Job> jobs = fixture.queueJobsFor(event, index -> "prompt " + index, 32);
        fixture.endpoint.failEveryCall(EndpointException.Kind.TRANSIENT).takes(Duration.ofMillis(40), fixture.clock);

        SQSBatchResponse response = fixture.processor(8)
                .process(event.getRecords(), fixture.clock.instant().plusMillis(300));

        assertThat(failures(response)).containsExactlyInAnyOrderElementsOf(messageIds(event));
        assertThat(jobs).map(job -> fixture.job(job.jobId()).status()).containsOnly(JobStatus.RUNNING);
    }

    @Test
    void returnsTheMessagesOfAPermanentFailure() {
        SQSEvent event = event("sqs/one-job.json");
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        fixture.endpoint.failNextCalls(EndpointException.Kind.PERMANENT, 1);

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).containsExactlyElementsOf(messageIds(event));
        assertThat(fixture.job(job.jobId()).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.endpoint.calls()).hasSize(1);
    }

    @Test
    void failsAJobThatKeepsFailingOnItsLastDeliveryAsRetriesExhausted() {
        SQSEvent event = lastDelivery(event("sqs/one-job.json"));
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        fixture.endpoint.failNextCalls(EndpointException.Kind.PERMANENT, 1);

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).isEmpty();
        Job failed = fixture.job(job.jobId());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobErrorCode.RETRIES_EXHAUSTED);
        assertThat(failed.timings().attempts()).isEqualTo(WorkerFixture.MAX_RECEIVE_COUNT);
    }

    @Test
    void failsAGenerationThatCannotFinishInTimeOnItsLastDeliveryAsTimeout() {
        SQSEvent event = lastDelivery(event("sqs/one-job.json"));
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        // The call uses up all the time it is given and is cut off.
        fixture.endpoint.failEveryCall(EndpointException.Kind.TIMEOUT).takes(Duration.ofMillis(300), fixture.clock);

        SQSBatchResponse response = fixture.processor(8)
                .process(event.getRecords(), fixture.clock.instant().plusMillis(300));

        assertThat(failures(response)).isEmpty();
        Job failed = fixture.job(job.jobId());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobErrorCode.TIMEOUT);
    }

    @Test
    void returnsAnUnfinishedJobBeforeItsLastDelivery() {
        SQSEvent event = event("sqs/one-job.json");
        event.getRecords().get(0).getAttributes().put("ApproximateReceiveCount",
                Integer.toString(WorkerFixture.MAX_RECEIVE_COUNT - 1));
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        fixture.endpoint.failEveryCall(EndpointException.Kind.TIMEOUT).takes(Duration.ofMillis(300), fixture.clock);

        SQSBatchResponse response = fixture.processor(8)
                .process(event.getRecords(), fixture.clock.instant().plusMillis(300));

        assertThat(failures(response)).containsExactlyElementsOf(messageIds(event));
        assertThat(fixture.job(job.jobId()).status()).isEqualTo(JobStatus.RUNNING);
    }

    private static SQSEvent lastDelivery(SQSEvent event) {
        event.getRecords().forEach(record -> record.getAttributes().put("ApproximateReceiveCount",
                Integer.toString(WorkerFixture.MAX_RECEIVE_COUNT)));
        return event;
    }

    @Test
    void acknowledgesAMessageWhoseJobIsTerminalWithoutCallingTheEndpoint() {
        SQSEvent event = event("sqs/one-job.json");
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        fixture.store.cancel(job.jobId(), fixture.clock.instant());

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).isEmpty();
        assertThat(fixture.endpoint.calls()).isEmpty();
        assertThat(fixture.job(job.jobId()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void returnsAMessageWhoseJobIsHeldByAnotherLiveClaim() {
        SQSEvent event = event("sqs/one-job.json");
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        fixture.store.claim(job.jobId(), fixture.clock.instant(), WorkerFixture.LEASE, 1);
        fixture.clock.advance(WorkerFixture.LEASE.minusSeconds(1));

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).containsExactlyElementsOf(messageIds(event));
        assertThat(fixture.endpoint.calls()).isEmpty();
        assertThat(fixture.job(job.jobId()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void reclaimsAJobWhoseLeaseHasExpired() {
        SQSEvent event = event("sqs/one-job.json");
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        fixture.store.claim(job.jobId(), fixture.clock.instant(), WorkerFixture.LEASE, 1);
        fixture.clock.advance(WorkerFixture.LEASE.plusSeconds(1));

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        Job done = fixture.job(job.jobId());
        assertThat(failures(response)).isEmpty();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.timings().attempts()).isEqualTo(2);
        assertThat(done.timings().queueMs() + done.timings().modelMs()).isLessThanOrEqualTo(done.timings().totalMs());
    }

    @Test
    void neitherCallsTheEndpointNorChangesTheResultForADuplicateAfterSuccess() {
        SQSEvent event = event("sqs/one-job.json");
        Job job = fixture.queueJobsFor(event, index -> "prompt", 32).get(0);
        JobBatchProcessor processor = fixture.processor(8);
        processor.process(event.getRecords(), fixture.farDeadline());
        Job first = fixture.job(job.jobId());
        fixture.clock.advance(Duration.ofSeconds(5));

        SQSBatchResponse duplicate = processor.process(event("sqs/one-job.json").getRecords(), fixture.farDeadline());

        assertThat(failures(duplicate)).isEmpty();
        assertThat(fixture.endpoint.calls()).hasSize(1);
        assertThat(fixture.job(job.jobId())).isEqualTo(first);
    }

    @Test
    void dropsAMessageWithoutAJobIdWithoutReturningIt() {
        SQSEvent event = event("sqs/not-a-job.json");
        Job job = fixture.queueJob(jobIdOf(event.getRecords().get(1)), "prompt", 32);

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).isEmpty();
        assertThat(fixture.endpoint.promptsSent()).containsExactly("prompt");
        assertThat(fixture.job(job.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void dropsAMessageWhoseJobWasRolledBack() {
        SQSEvent event = event("sqs/one-job.json");

        SQSBatchResponse response = fixture.processor(8).process(event.getRecords(), fixture.farDeadline());

        assertThat(failures(response)).isEmpty();
        assertThat(fixture.endpoint.calls()).isEmpty();
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }
}
