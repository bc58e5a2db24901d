package dev.llmpipeline.result;

import static dev.llmpipeline.result.ResultFixture.JOB_ID;
import static dev.llmpipeline.result.ResultFixture.getJob;
import static dev.llmpipeline.result.ResultFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetJobTest {
    private final ResultFixture fixture = new ResultFixture();

    @ParameterizedTest
    @Event(value = "apigw/get-job.json", type = APIGatewayV2HTTPEvent.class)
    void answersTheOwnerWithTheJob(APIGatewayV2HTTPEvent event) {
        fixture.queueJob();

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        JsonNode body = json(response);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(body.get("job_id").asText()).isEqualTo(JOB_ID);
        assertThat(body.get("status").asText()).isEqualTo("queued");
        assertThat(body.get("custom_id").asText()).isEqualTo("row-17");
        assertThat(body.at("/request/max_new_tokens").asInt()).isEqualTo(64);
        assertThat(fixture.pauses).isEmpty();
    }

    @Test
    void answersWithTheOutputAndTimingsOfAFinishedJob() {
        fixture.queueJob();
        fixture.complete(JOB_ID);

        JsonNode body = json(fixture.handle(getJob(null)));

        assertThat(body.get("status").asText()).isEqualTo("succeeded");
        assertThat(body.at("/output/text").asText()).isEqualTo("Guten Morgen");
        assertThat(body.at("/timings/model_batch_size").asInt()).isEqualTo(8);
    }

    @Test
    void answersAnotherOwnerExactlyAsForAnUnknownId() {
        fixture.queueJob();
        APIGatewayV2HTTPEvent asBob = EventLoader.loadApiGatewayHttpEvent("apigw/get-job-as-bob.json");
        ResultFixture empty = new ResultFixture();

        APIGatewayV2HTTPResponse bob = fixture.handle(asBob);
        APIGatewayV2HTTPResponse unknown = empty.handle(getJob(null));

        assertThat(bob.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(json(bob).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(json(bob)).isEqualTo(json(unknown));
    }

    @Test
    void answersAnUnknownIdWithNotFound() {
        APIGatewayV2HTTPEvent event = getJob(null);
        event.setPathParameters(Map.of("id", "7d1e0c55-0000-4000-8000-000000000000"));

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/message").asText()).contains("7d1e0c55-0000-4000-8000-000000000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"21", "abc", "-1", "2.5", ""})
    void refusesAWaitOutsideZeroToTwentySecondsNamingIt(String wait) {
        fixture.queueJob();

        APIGatewayV2HTTPResponse response = fixture.handle(getJob(Map.of("wait", wait)));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("validation_error");
        assertThat(json(response).at("/error/message").asText()).startsWith("wait").contains("0 to 20");
        assertThat(fixture.pauses).isEmpty();
    }

    @Test
    void refusesARequestWithoutASubClaim() {
        fixture.queueJob();
        APIGatewayV2HTTPEvent event = getJob(null);
        event.getRequestContext().setAuthorizer(null);

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(401);
    }
}
