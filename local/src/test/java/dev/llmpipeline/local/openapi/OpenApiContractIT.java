package dev.llmpipeline.local.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.e2e.LocalStackExtension;
import dev.llmpipeline.local.e2e.Owner;
import dev.llmpipeline.local.stack.LocalStack;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holds the implementation to {@code openapi.yaml}: a representative request per route and status, through the real
 * local stack, gets a status the spec lists for its route, with the headers and a body the spec describes for it. The
 * last test checks that every status the spec lists (but 500, which only a fault answers) was seen.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractIT {
    private static final String JSONL = "application/jsonl";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ApiContract contract = ApiContract.load();
    private final Map<String, Set<Integer>> seen = new TreeMap<>();
    private final LocalStack stack;
    private final PipelineClient alice;
    private final PipelineClient stranger;
    private String jobId;
    private String batchId;

    OpenApiContractIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.stack = stack;
        this.alice = alice;
        this.stranger = new PipelineClient(stack.apiUrl(), "not-a-token");
    }

    @Test
    @Order(1)
    void health() {
        check("GET /health", alice.health());
    }

    @Test
    @Order(1)
    void submitJob() {
        String body = "{\"prompt\": \"Why is the sky blue?\", \"max_new_tokens\": 4, \"custom_id\": \"contract-1\","
                + " \"metadata\": {\"team\": \"docs\"}}";
        Response accepted = check("POST /jobs", postJob(alice, body, "application/json", Map.of()));
        jobId = accepted.body().path("job_id").asText();
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.headers()).containsEntry("location", "/jobs/" + jobId);

        Map<String, String> key = Map.of("Idempotency-Key", "contract-" + UUID.randomUUID());
        assertThat(check("POST /jobs", postJob(alice, "{\"prompt\": \"Once\"}", "application/json", key)).status())
                .isEqualTo(202);
        assertThat(check("POST /jobs", postJob(alice, "{\"prompt\": \"Once\"}", "application/json", key)).status())
                .isEqualTo(200);
        assertThat(check("POST /jobs", postJob(alice, "{\"prompt\": \"Twice\"}", "application/json", key)).status())
                .isEqualTo(409);
        assertThat(check("POST /jobs", postJob(alice, "{\"prompt\": \"Hi\", \"max_tokens\": 5}", "application/json",
                Map.of())).status()).isEqualTo(400);
        assertThat(check("POST /jobs", postJob(stranger, body, "application/json", Map.of())).status()).isEqualTo(401);
        assertThat(check("POST /jobs", postJob(alice, Json.write(Map.of("prompt", "p".repeat(300_000))),
                "application/json", Map.of())).status()).isEqualTo(413);
        assertThat(check("POST /jobs", postJob(alice, body, "text/plain", Map.of())).status()).isEqualTo(415);
    }

    @Test
    @Order(2)
    void getJob() {
        check("GET /jobs/{id}", alice.job(jobId, 0));
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode done = check("GET /jobs/{id}", alice.job(jobId, 20)).body();
        while (Set.of("queued", "running").contains(done.path("status").asText())) {
            assertThat(Instant.now()).as("job %s ends", jobId).isBefore(deadline);
            done = check("GET /jobs/{id}", alice.job(jobId, 20)).body();
        }
        assertThat(done.path("status").asText()).as("job %s", done).isEqualTo("succeeded");

        assertThat(check("GET /jobs/{id}", alice.send(alice.request("/jobs/" + jobId + "?wait=99").GET().build()))
                .status()).isEqualTo(400);
        assertThat(check("GET /jobs/{id}", stranger.job(jobId, 0)).status()).isEqualTo(401);
        assertThat(check("GET /jobs/{id}", alice.job(UUID.randomUUID().toString(), 0)).status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void cancelJob() {
        // A job is claimed within the batching window at the latest; one cancelled right away is almost always
        // still queued, and a 409 on the way is a status the spec lists too.
        String cancelled = null;
        for (int attempt = 0; attempt < 10 && cancelled == null; attempt++) {
            String id = alice.submit("Cancel me " + attempt, 4, null, Optional.empty()).body().path("job_id").asText();
            Response response = check("DELETE /jobs/{id}", alice.cancel(id));
            cancelled = response.status() == 200 ? id : null;
        }
        assertThat(cancelled).as("a job cancelled while queued").isNotNull();

        assertThat(check("DELETE /jobs/{id}", alice.cancel(cancelled)).status()).isEqualTo(409);
        assertThat(check("DELETE /jobs/{id}", stranger.cancel(cancelled)).status()).isEqualTo(401);
        assertThat(check("DELETE /jobs/{id}", alice.cancel(UUID.randomUUID().toString())).status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void submitBatch() {
        String lines = IntStream.rangeClosed(1, 3).mapToObj(index -> "{\"custom_id\": \"c-" + index
                + "\", \"prompt\": \"Name a prime number.\", \"max_new_tokens\": 4}").collect(Collectors.joining("\n"));
        Response accepted = check("POST /batches", upload(alice, JSONL, lines));
        batchId = accepted.body().path("batch_id").asText();
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.headers()).containsEntry("location", "/batches/" + batchId);
        for (String type : new String[] {"application/x-ndjson", "application/x-jsonlines"}) {
            assertThat(check("POST /batches", upload(alice, type, lines)).status()).as(type).isEqualTo(202);
        }
        String json = "{\"requests\": [{\"custom_id\": \"j-1\", \"prompt\": \"Hi\", \"max_new_tokens\": 2}],"
                + " \"metadata\": {\"project\": \"contract\"}}";
        assertThat(check("POST /batches", upload(alice, "application/json", json)).status()).isEqualTo(202);

        assertThat(check("POST /batches", upload(alice, JSONL, lines + "\n{\"custom_id\": \"bad\"}")).body()
                .at("/error/details/0/line").asInt()).isEqualTo(4);
        assertThat(check("POST /batches", upload(alice, "application/json",
                json.replace("\"contract\"", "7"))).body().at("/error/details/0/field").asText())
                .isEqualTo("metadata.project");
        assertThat(check("POST /batches", upload(stranger, JSONL, lines)).status()).isEqualTo(401);
        String tooMany = IntStream.rangeClosed(0, 10_000).mapToObj(index -> "{\"custom_id\": \"t-" + index
                + "\", \"prompt\": \"p\"}").collect(Collectors.joining("\n"));
        assertThat(check("POST /batches", upload(alice, JSONL, tooMany)).status()).isEqualTo(413);
        assertThat(check("POST /batches", upload(alice, "text/plain", lines)).status()).isEqualTo(415);
    }

    @Test
    @Order(3)
    void getBatchAndItsResults() {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!check("GET /batches/{id}", alice.batch(batchId)).body().path("status").asText().equals("completed")) {
            assertThat(Instant.now()).as("batch %s completes", batchId).isBefore(deadline);
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
        Set<String> results = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = check("GET /batches/{id}/results", alice.batchResults(batchId, 1, cursor)).body();
            page.path("results").forEach(result -> results.add(result.path("custom_id").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            assertThat(Instant.now()).as("results of %s end", batchId).isBefore(deadline);
            if (page.path("results").isEmpty()) {
                LockSupport.parkNanos(POLL_PAUSE_NANOS);
            }
        } while (cursor != null);
        assertThat(results).containsExactlyInAnyOrder("c-1", "c-2", "c-3");

        String unknown = UUID.randomUUID().toString();
        assertThat(check("GET /batches/{id}", stranger.batch(batchId)).status()).isEqualTo(401);
        assertThat(check("GET /batches/{id}", alice.batch(unknown)).status()).isEqualTo(404);
        assertThat(check("GET /batches/{id}/results", alice.batchResults(batchId, 0, null)).status()).isEqualTo(400);
        assertThat(check("GET /batches/{id}/results", alice.batchResults(batchId, 10, "forged")).status())
                .isEqualTo(400);
        assertThat(check("GET /batches/{id}/results", stranger.batchResults(batchId, 10, null)).status())
                .isEqualTo(401);
        assertThat(check("GET /batches/{id}/results", alice.batchResults(unknown, 10, null)).status())
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void cancelBatch() {
        String lines = "{\"custom_id\": \"x-1\", \"prompt\": \"Cancel this batch.\", \"max_new_tokens\": 64}";
        String id = upload(alice, JSONL, lines).body().path("batch_id").asText();

        assertThat(check("DELETE /batches/{id}", alice.cancelBatch(id)).status()).isEqualTo(200);
        assertThat(check("DELETE /batches/{id}", stranger.cancelBatch(id)).status()).isEqualTo(401);
        assertThat(check("DELETE /batches/{id}", alice.cancelBatch(UUID.randomUUID().toString())).status())
                .isEqualTo(404);
    }

    @Test
    @Order(4)
    void throttlingOnEveryRoute() {
        try (ThrottledApi throttled = ThrottledApi.start(stack, Map.of(LocalStackExtension.tokenOf("alice"),
                "alice"))) {
            PipelineClient client = new PipelineClient(throttled.uri(), LocalStackExtension.tokenOf("alice"));
            check("GET /health", client.health()); // the one request the burst lets through
            for (String routeKey : contract.routeKeys()) {
                String[] parts = routeKey.split(" ", 2);
                String path = parts[1].replace("{id}", UUID.randomUUID().toString());
                HttpRequest.BodyPublisher body = parts[0].equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{\"prompt\": \"throttled\"}")
                        : HttpRequest.BodyPublishers.noBody();
                Response response = check(routeKey, client.send(client.request(path)
                        .header("Content-Type", "application/json").method(parts[0], body).build()));
                assertThat(response.status()).as(routeKey).isEqualTo(429);
                assertThat(response.headers()).as(routeKey).containsKey("retry-after");
            }
        }
    }

    @Test
    @Order(5)
    void sawEveryStatusTheSpecListsButInternalErrors() {
        Map<String, Set<Integer>> listed = new TreeMap<>();
        contract.routeKeys().forEach(routeKey -> listed.put(routeKey, contract.statuses(routeKey).stream()
                .filter(status -> status != 500).collect(Collectors.toSet())));

        assertThat(seen).isEqualTo(listed);
    }

    /** Checks an answer against the spec and notes its status as seen. */
    private Response check(String routeKey, Response response) {
        contract.assertConforms(routeKey, response);
        seen.computeIfAbsent(routeKey, key -> new HashSet<>()).add(response.status());
        return response;
    }

    private static Response postJob(PipelineClient client, String body, String contentType,
                                    Map<String, String> headers) {
        HttpRequest.Builder request = client.request("/jobs").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build());
    }

    private static Response upload(PipelineClient client, String contentType, String body) {
        return client.send(client.request("/batches").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }
}
