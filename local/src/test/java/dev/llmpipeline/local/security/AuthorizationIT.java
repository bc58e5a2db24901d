package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.e2e.LocalStackExtension;
import dev.llmpipeline.local.e2e.Owner;
import dev.llmpipeline.local.e2e.StackProbe;
import dev.llmpipeline.local.openapi.ApiContract;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.template.HttpRoute;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route behind the authorizer, taken from the template, refuses a request without a valid bearer token with
 * 401, before anything else: on alice's real job and batch, with bodies that would otherwise be accepted, and nothing
 * is stored. Only {@code GET /health} answers without a token.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationIT {
    private static final String JOB = "{\"prompt\": \"Explain bearer tokens.\", \"max_new_tokens\": 4}";
    private static final String BATCH = "{\"requests\": [{\"custom_id\": \"a\", \"prompt\": \"Explain JWTs.\"}]}";

    private final LocalStack stack;
    private final PipelineClient alice;
    private final StackProbe probe;
    private final ApiContract contract = ApiContract.load();
    private String jobId;
    private String batchId;
    private int itemsBefore;

    AuthorizationIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.stack = stack;
        this.alice = alice;
        this.probe = new StackProbe(stack);
    }

    @BeforeAll
    void createAJobAndABatchOfAlice() {
        jobId = alice.submit("A job of alice.", 4, null, Optional.empty()).body().path("job_id").asText();
        batchId = alice.send(alice.request("/batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BATCH)).build()).body().path("batch_id").asText();
        assertThat(jobId).isNotBlank();
        assertThat(batchId).isNotBlank();
        itemsBefore = probe.jobsTableItemCount();
    }

    Stream<Arguments> authorizedRoutesWithoutAValidToken() {
        String aliceToken = LocalStackExtension.tokenOf("alice");
        // An unsigned JWT that claims to be alice: {"alg":"none"} . {"sub":"alice"} . no signature.
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64("{\"sub\":\"alice\"}") + ".";
        List<String> authorizations = new ArrayList<>(List.of("", "Bearer", "Bearer not-a-known-token",
                "Basic " + base64("alice:" + aliceToken), aliceToken, "Bearer " + aliceToken + "x",
                "Bearer " + aliceToken.toUpperCase(Locale.ROOT), "Bearer " + unsigned, "Token " + aliceToken));
        List<String> routes = stack.template().functions().stream().flatMap(function -> function.routes().stream())
                .filter(HttpRoute::authorized).map(route -> route.method() + " " + route.path()).toList();
        assertThat(routes).containsExactlyInAnyOrderElementsOf(contract.routeKeys().stream()
                .filter(contract::requiresBearer).toList());
        return routes.stream().flatMap(route -> authorizations.stream().map(authorization -> Arguments.of(route,
                authorization)));
    }

    @ParameterizedTest(name = "{0} with Authorization \"{1}\"")
    @MethodSource("authorizedRoutesWithoutAValidToken")
    @Order(1)
    void refusesARequestWithoutAValidBearerToken(String routeKey, String authorization) {
        String[] parts = routeKey.split(" ", 2);
        String path = parts[1].replace("{id}", parts[1].startsWith("/jobs") ? jobId : batchId);
        String body = path.equals("/jobs") ? JOB : path.equals("/batches") ? BATCH : "";
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(parts[0], body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }

        Response response = alice.send(request.build());

        assertThat(response.status()).as("%s: %s", routeKey, response.body()).isEqualTo(401);
        assertThat(response.body().at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(response.body().toString()).doesNotContain(jobId, batchId);
        contract.assertConforms(routeKey, response);
    }

    @Test
    @Order(2)
    void storedNothingForTheRefusedRequests() {
        assertThat(probe.jobsTableItemCount()).isEqualTo(itemsBefore);
    }

    @Test
    @Order(2)
    void leftAlicesJobAndBatchAsTheyWere() {
        assertThat(Waiting.terminalJob(alice, jobId).path("status").asText()).isEqualTo("succeeded");
        assertThat(alice.batch(batchId).body().path("status").asText()).isNotEqualTo("cancelled");
    }

    @Test
    @Order(2)
    void answersTheHealthCheckAloneWithoutAToken() {
        List<String> open = contract.routeKeys().stream().filter(routeKey -> !contract.requiresBearer(routeKey))
                .toList();
        Response health = alice.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/health"))
                .timeout(Duration.ofSeconds(10)).GET().build());

        assertThat(open).containsExactly("GET /health");
        assertThat(health.status()).isEqualTo(200);
        contract.assertConforms("GET /health", health);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
