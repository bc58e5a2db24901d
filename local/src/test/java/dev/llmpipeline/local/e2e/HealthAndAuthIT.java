package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.JobsApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.stack.LocalStack;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The health check, the bearer tokens and unknown routes, through the HTTP API emulator. */
@ExtendWith(LocalStackExtension.class)
class HealthAndAuthIT {
    private static final String JOB_BODY = "{\"prompt\": \"Explain authorization in one sentence.\"}";

    private final LocalStack stack;
    private final PipelineClient alice;

    HealthAndAuthIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.stack = stack;
        this.alice = alice;
    }

    @Test
    void answersHealthWithoutAToken() {
        Response response = alice.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/health"))
                .timeout(Duration.ofSeconds(10)).GET().build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Json.mapper().createObjectNode().put("status", "ok"));
    }

    static Stream<Arguments> requestsWithoutAValidToken() {
        return Stream.of(
                Arguments.of("POST", "/jobs", null),
                Arguments.of("POST", "/jobs", "Bearer not-a-known-token"),
                Arguments.of("POST", "/jobs", "Basic token-alice"),
                Arguments.of("GET", "/jobs/x", null),
                Arguments.of("GET", "/jobs/x", "Bearer not-a-known-token"),
                Arguments.of("GET", "/jobs/x", "Bearer "),
                Arguments.of("DELETE", "/jobs/x", "Bearer token-mallory"));
    }

    @ParameterizedTest(name = "{0} {1} with Authorization {2}")
    @MethodSource("requestsWithoutAValidToken")
    void refusesRequestsWithoutAValidBearerToken(String method, String path, String authorization) {
        StackProbe probe = new StackProbe(stack);
        int itemsBefore = probe.jobsTableItemCount();
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString(JOB_BODY)
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        Response response = alice.send(request.build());

        assertError(response, 401, "unauthorized");
        assertThat(response.body().path("error").path("details")).isEmpty();
        assertThat(response.headers()).containsEntry("www-authenticate", "Bearer");
        assertThat(probe.jobsTableItemCount()).as("items stored by a refused request").isEqualTo(itemsBefore);
    }

    @Test
    void answersAnUnknownRouteWith404InTheErrorShape() {
        Response response = alice.send(alice.request("/no-such-route").GET().build());

        assertError(response, 404, "not_found");
    }

    @Test
    void answersAnUnknownMethodOnAKnownPathWith404() {
        Response response = alice.send(alice.request("/jobs").PUT(HttpRequest.BodyPublishers.ofString(JOB_BODY))
                .header("Content-Type", "application/json").build());

        assertError(response, 404, "not_found");
    }
}
