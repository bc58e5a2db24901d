package dev.llmpipeline.submit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.JobQueue;
import dev.llmpipeline.core.testing.FakeLambdaContext;
import dev.llmpipeline.core.testing.InMemoryJobStore;
import dev.llmpipeline.core.testing.MutableClock;
import dev.llmpipeline.core.testing.RecordingJobQueue;
import dev.llmpipeline.core.testing.RecordingMetrics;
import dev.llmpipeline.core.testing.LocalTelemetry;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The submit function over fakes, as the unit tests drive it: events are the API Gateway requests under
 * {@code src/test/resources/apigw/}, adjusted per test.
 */
final class SubmitFixture {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00.250Z");
    static final String ALICE = "user-alice";

    final InMemoryJobStore store = new InMemoryJobStore();
    final RecordingJobQueue queue = new RecordingJobQueue();
    final MutableClock clock = new MutableClock(NOW);
    final RecordingMetrics metrics = new RecordingMetrics();
    final FakeLambdaContext context = new FakeLambdaContext("8e1f3c5a-2b4d-4f6e-8a0c-submit000001", 29_000);
    final SubmitHandler handler = handlerWith(queue);

    /** A handler on this fixture's store and clock with another queue, as a later invocation would see it. */
    SubmitHandler handlerWith(JobQueue otherQueue) {
        return new SubmitHandler(new JobSubmitter(store, otherQueue, clock, metrics),
                new BatchSubmitter(store, store, otherQueue, Runnable::run, clock, metrics),
                SubmissionReader.of(8000, 512, 128), LocalTelemetry.of(SubmitHandler.SERVICE));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, context);
    }

    /** {@code POST /jobs} from alice with this JSON body. */
    static APIGatewayV2HTTPEvent postJob(String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("apigw/post-job.json");
        event.setBody(body);
        return event;
    }

    /** {@code DELETE /jobs/{id}} from alice. */
    static APIGatewayV2HTTPEvent deleteJob(String jobId) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("apigw/delete-job.json");
        event.setPathParameters(Map.of("id", jobId));
        event.setRawPath("/jobs/" + jobId);
        return event;
    }

    static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put(name, value);
        event.setHeaders(headers);
        return event;
    }

    /** The same request, authenticated as another user. */
    static APIGatewayV2HTTPEvent as(String owner, APIGatewayV2HTTPEvent event) {
        var jwt = event.getRequestContext().getAuthorizer().getJwt();
        Map<String, String> claims = new HashMap<>(jwt.getClaims());
        claims.put("sub", owner);
        jwt.setClaims(claims);
        return event;
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.parse(response.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
