package dev.llmpipeline.worker;

import static dev.llmpipeline.worker.WorkerFixture.jobIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.testing.FakeLambdaContext;
import dev.llmpipeline.core.testing.LocalTelemetry;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;

class WorkerHandlerTest {
    private final WorkerFixture fixture = new WorkerFixture();
    private final WorkerHandler handler = new WorkerHandler(fixture.processor(8), fixture.clock,
            LocalTelemetry.of(WorkerHandler.SERVICE));

    @ParameterizedTest
    @Event(value = "sqs/batch-of-8.json", type = SQSEvent.class)
    void completesEveryJobOfTheBatchInOneEndpointCall(SQSEvent event) {
        fixture.queueJobsFor(event, index -> "prompt " + index, 32);

        SQSBatchResponse response = handler.handleRequest(event, new FakeLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fixture.endpoint.calls()).hasSize(1);
        assertThat(event.getRecords()).map(message -> fixture.job(jobIdOf(message)).status())
                .containsOnly(JobStatus.SUCCEEDED);
    }

    @ParameterizedTest
    @Event(value = "sqs/one-job.json", type = SQSEvent.class)
    void keepsAFifthOfTheRemainingTimeBackForStoringWhenLittleIsLeft(SQSEvent event) {
        fixture.queueJobsFor(event, index -> "prompt", 32);

        handler.handleRequest(event, new FakeLambdaContext("request-1", 10_000));

        assertThat(fixture.endpoint.calls()).singleElement()
                .satisfies(call -> assertThat(call.timeout()).isEqualTo(Duration.ofMillis(8_000)));
    }

    @ParameterizedTest
    @Event(value = "sqs/one-job.json", type = SQSEvent.class)
    void keepsAtMostThreeSecondsBackForStoring(SQSEvent event) {
        fixture.queueJobsFor(event, index -> "prompt", 32);

        handler.handleRequest(event, new FakeLambdaContext("request-1", 60_000));

        assertThat(fixture.endpoint.calls()).singleElement()
                .satisfies(call -> assertThat(call.timeout()).isEqualTo(Duration.ofMillis(57_000)));
    }

    @ParameterizedTest
    @Event(value = "sqs/one-job.json", type = SQSEvent.class)
    void returnsEveryMessageWhenTheInvocationHasNoTimeLeft(SQSEvent event) {
        fixture.queueJobsFor(event, index -> "prompt", 32);

        SQSBatchResponse response = handler.handleRequest(event, new FakeLambdaContext("request-1", 0));

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getMessageId());
        assertThat(fixture.endpoint.calls()).isEmpty();
    }
}
