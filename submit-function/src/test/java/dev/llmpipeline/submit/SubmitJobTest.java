package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.SubmitFixture.ALICE;
import static dev.llmpipeline.submit.SubmitFixture.json;
import static dev.llmpipeline.submit.SubmitFixture.postJob;
import static dev.llmpipeline.submit.SubmitFixture.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobStatus;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class SubmitJobTest {
    private final SubmitFixture fixture = new SubmitFixture();

    @ParameterizedTest
    @Event(value = "apigw/post-job.json", type = APIGatewayV2HTTPEvent.class)
    void acceptsAJobWith202AndItsLocation(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = fixture.handle(event);

        JsonNode body = json(response);
        String jobId = body.get("job_id").asText();
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("Location", "/jobs/" + jobId);
        assertThat(UUID.fromString(jobId).version()).isEqualTo(4);
        assertThat(body.get("status").asText()).isEqualTo("queued");
        assertThat(body.get("created_at").asText()).isEqualTo("2026-01-01T00:00:00.250Z");
        assertThat(body.at("/request/max_new_tokens").asInt()).isEqualTo(128);
    }

    @ParameterizedTest
    @Event(value = "apigw/post-job.json", type = APIGatewayV2HTTPEvent.class)
    void storesTheJobForItsOwnerAndEnqueuesIt(APIGatewayV2HTTPEvent event) {
        String jobId = json(fixture.handle(event)).get("job_id").asText();

        assertThat(fixture.store.jobs()).singleElement().satisfies(job -> {
            assertThat(job.jobId()).isEqualTo(jobId);
            assertThat(job.owner()).isEqualTo(ALICE);
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.prompt()).isEqualTo("Translate to German: good morning");
            assertThat(job.params().maxNewTokens()).isEqualTo(128);
        });
        assertThat(fixture.queue.enqueued()).containsExactly(jobId);
    }

    @Test
    void keepsTheRequestedBoundCustomIdAndMetadata() {
        APIGatewayV2HTTPResponse response = fixture.handle(postJob("{\"prompt\": \"hi\", \"max_new_tokens\": 32,"
                + " \"custom_id\": \"row-17\", \"metadata\": {\"team\": \"search\"}, \"do_sample\": false}"));

        JsonNode body = json(response);
        Job stored = fixture.store.jobs().get(0);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body.at("/request/max_new_tokens").asInt()).isEqualTo(32);
        assertThat(body.get("custom_id").asText()).isEqualTo("row-17");
        assertThat(stored.params().maxNewTokens()).isEqualTo(32);
        assertThat(stored.customId()).isEqualTo("row-17");
        assertThat(stored.metadata()).containsExactlyEntriesOf(Map.of("team", "search"));
    }

    @Test
    void treatsNullOptionalFieldsAsAbsent() {
        APIGatewayV2HTTPResponse response = fixture.handle(postJob("{\"prompt\": \"hi\", \"max_new_tokens\": null,"
                + " \"custom_id\": null, \"metadata\": null}"));

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).at("/request/max_new_tokens").asInt()).isEqualTo(128);
        assertThat(fixture.store.jobs().get(0).customId()).isNull();
    }

    @ParameterizedTest
    @Event(value = "apigw/post-job-base64.json", type = APIGatewayV2HTTPEvent.class)
    void acceptsABase64EncodedBody(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(fixture.store.jobs()).singleElement().satisfies(job -> {
            assertThat(job.prompt()).isEqualTo("Übersetze ins Englische: guten Morgen");
            assertThat(job.params().maxNewTokens()).isEqualTo(32);
        });
    }

    @ParameterizedTest
    @Event(value = "apigw/health.json", type = APIGatewayV2HTTPEvent.class)
    void answersTheHealthCheckWithoutAToken(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("ok");
    }

    @ParameterizedTest
    @Event(value = "apigw/post-job-without-authorizer.json", type = APIGatewayV2HTTPEvent.class)
    void refusesASubmissionWithoutASubClaim(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("unauthorized");
        assertNothingAccepted();
    }

    @Test
    void refusesAContentTypeOtherThanJson() {
        APIGatewayV2HTTPEvent event = withHeader(postJob("{\"prompt\": \"hi\"}"), "content-type", "text/plain");

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("unsupported_media_type");
        assertThat(json(response).at("/error/message").asText()).contains("Content-Type");
        assertNothingAccepted();
    }

    @Test
    void refusesABodyOver256KiB() {
        String body = "{\"prompt\": \"" + "x".repeat(256 * 1024) + "\"}";

        APIGatewayV2HTTPResponse response = fixture.handle(postJob(body));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("payload_too_large");
        assertNothingAccepted();
    }

    @Test
    void refusesAnIdempotencyKeyWithSpaces() {
        APIGatewayV2HTTPEvent event = withHeader(postJob("{\"prompt\": \"hi\"}"), "idempotency-key", "order 17");

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).startsWith("Idempotency-Key");
        assertNothingAccepted();
    }

    @Test
    void refusesAnIdempotencyKeyLongerThan128Characters() {
        APIGatewayV2HTTPEvent event = withHeader(postJob("{\"prompt\": \"hi\"}"), "idempotency-key", "k".repeat(129));

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).startsWith("Idempotency-Key");
        assertNothingAccepted();
    }

    @Test
    void rollsTheJobBackAndAnswers500WhenTheQueueFails() {
        fixture.queue.failFromNowOn();

        APIGatewayV2HTTPResponse response = fixture.handle(postJob("{\"prompt\": \"hi\"}"));

        JsonNode error = json(response).get("error");
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(error.get("code").asText()).isEqualTo("internal_error");
        assertThat(error.get("message").asText()).contains(fixture.context.getAwsRequestId());
        assertNothingAccepted();
    }

    private void assertNothingAccepted() {
        assertThat(fixture.store.jobs()).isEmpty();
        assertThat(fixture.queue.enqueued()).isEmpty();
    }
}
