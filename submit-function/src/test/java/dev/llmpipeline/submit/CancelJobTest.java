package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.SubmitFixture.as;
import static dev.llmpipeline.submit.SubmitFixture.deleteJob;
import static dev.llmpipeline.submit.SubmitFixture.json;
import static dev.llmpipeline.submit.SubmitFixture.postJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class CancelJobTest {
    private final SubmitFixture fixture = new SubmitFixture();
    private final String jobId = json(fixture.handle(postJob("{\"prompt\": \"hi\"}"))).get("job_id").asText();

    @Test
    void cancelsAQueuedJob() {
        fixture.clock.advance(Duration.ofMillis(700));

        APIGatewayV2HTTPResponse response = fixture.handle(deleteJob(jobId));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("job_id").asText()).isEqualTo(jobId);
        assertThat(json(response).get("status").asText()).isEqualTo("cancelled");
        assertThat(json(response).get("completed_at").asText()).isEqualTo("2026-01-01T00:00:00.950Z");
        assertThat(fixture.store.find(jobId)).hasValueSatisfying(
                job -> assertThat(job.status()).isEqualTo(JobStatus.CANCELLED));
    }

    @Test
    void refusesToCancelARunningJob() {
        fixture.store.claim(jobId, fixture.clock.instant(), Duration.ofMinutes(1), 1);

        APIGatewayV2HTTPResponse response = fixture.handle(deleteJob(jobId));

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("conflict");
        assertThat(json(response).at("/error/message").asText()).contains("running");
        assertThat(fixture.store.find(jobId)).hasValueSatisfying(
                job -> assertThat(job.status()).isEqualTo(JobStatus.RUNNING));
    }

    @Test
    void refusesToCancelASucceededJob() {
        var claim = (ClaimResult.Claimed) fixture.store.claim(jobId, fixture.clock.instant(), Duration.ofMinutes(1), 1);
        fixture.store.complete(Completion.succeeded(jobId, claim.claimToken(),
                new Generation("hello", 1, FinishReason.STOP), fixture.clock.instant(), new Timings(0, 0, 0, 1, 1)));

        APIGatewayV2HTTPResponse response = fixture.handle(deleteJob(jobId));

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(json(response).at("/error/message").asText()).contains("succeeded");
        assertThat(fixture.store.find(jobId)).hasValueSatisfying(
                job -> assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED));
    }

    @Test
    void refusesToCancelTwice() {
        fixture.handle(deleteJob(jobId));

        APIGatewayV2HTTPResponse again = fixture.handle(deleteJob(jobId));

        assertThat(again.getStatusCode()).isEqualTo(409);
    }

    @Test
    void answersAnotherOwnerAsIfTheJobDidNotExist() {
        APIGatewayV2HTTPResponse response = fixture.handle(as("user-bob", deleteJob(jobId)));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(fixture.store.find(jobId)).hasValueSatisfying(
                job -> assertThat(job.status()).isEqualTo(JobStatus.QUEUED));
    }

    @ParameterizedTest
    @Event(value = "apigw/delete-job.json", type = APIGatewayV2HTTPEvent.class)
    void answersAnUnknownIdWithNotFound(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(fixture.store.jobs()).singleElement()
                .satisfies(job -> assertThat(job.status()).isEqualTo(JobStatus.QUEUED));
    }
}
