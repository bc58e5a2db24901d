package dev.llmpipeline.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What the end-to-end tests do through the HTTP API: submit, wait for a job, check the error shape. */
final class JobsApi {
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");
    private static final String FILLER = " Consider batching, queues, leases, retries, latency and throughput.";
    private static final int SUBMIT_THREADS = 8;

    private JobsApi() {
    }

    /**
     * A prompt of exactly {@code length} characters that starts with {@code topic}. The endpoint emulator records
     * prompt lengths, not texts, so a length no other test uses identifies a prompt at the endpoint.
     */
    static String promptOfLength(String topic, int length) {
        StringBuilder prompt = new StringBuilder("Explain ").append(topic).append('.');
        while (prompt.length() < length) {
            prompt.append(FILLER);
        }
        prompt.setLength(length);
        return prompt.toString();
    }

    /** {@code POST /jobs} with a raw JSON body. */
    static Response postJob(PipelineClient client, String body) {
        return postJob(client, body, "application/json", Map.of());
    }

    /** {@code POST /jobs} with a raw body, content type and extra headers. */
    static Response postJob(PipelineClient client, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = client.request("/jobs").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build());
    }

    /** Submits every prompt, several at a time; the responses come back in the prompts' order. */
    static List<Response> submitAll(PipelineClient client, List<String> prompts, Integer maxNewTokens) {
        return submitAll(client, prompts, maxNewTokens, Optional.empty());
    }

    /** Like {@link #submitAll(PipelineClient, List, Integer)}, every request with the same idempotency key. */
    static List<Response> submitAll(PipelineClient client, List<String> prompts, Integer maxNewTokens,
                                    Optional<String> idempotencyKey) {
        ExecutorService submitters = Executors.newFixedThreadPool(SUBMIT_THREADS);
        try {
            List<Callable<Response>> submits = prompts.stream()
                    .<Callable<Response>>map(prompt -> () -> client.submit(prompt, maxNewTokens, null,
                            idempotencyKey))
                    .toList();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> submitted : submitters.invokeAll(submits)) {
                responses.add(submitted.get());
            }
            return responses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a submit failed", e.getCause());
        } finally {
            submitters.shutdownNow();
        }
    }

    /** The job id of a 202 answer, after checking the status and the {@code Location} header. */
    static String acceptedJobId(Response response) {
        assertThat(response.status()).as("POST /jobs answer %s", response.body()).isEqualTo(202);
        String jobId = response.body().path("job_id").asText();
        assertThat(jobId).isNotBlank();
        assertThat(response.headers()).containsEntry("location", "/jobs/" + jobId);
        assertThat(response.body().path("status").asText()).isEqualTo("queued");
        return jobId;
    }

    /** Long-polls {@code GET /jobs/{id}?wait=} until the job is terminal; fails after {@code timeout}. */
    static JsonNode awaitTerminal(PipelineClient client, String jobId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            long secondsLeft = Duration.between(Instant.now(), deadline).toSeconds();
            Response response = client.job(jobId, (int) Math.max(1, Math.min(20, secondsLeft)));
            assertThat(response.status()).as("GET /jobs/%s answer %s", jobId, response.body()).isEqualTo(200);
            if (TERMINAL.contains(response.body().path("status").asText())) {
                return response.body();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " not terminal within " + timeout + ": " + response.body());
            }
        }
    }

    /**
     * Checks the API's one error shape, {@code {"error": {"code", "message", "details": [...]}}}, and the status.
     *
     * @return the {@code error} object
     */
    static JsonNode assertError(Response response, int status, String code) {
        assertThat(response.status()).as("status of answer %s", response.body()).isEqualTo(status);
        JsonNode body = response.body();
        assertThat(body.isObject()).as("error body %s is an object", body).isTrue();
        assertThat(body.size()).as("error body %s has only the error", body).isEqualTo(1);
        JsonNode error = body.path("error");
        assertThat(error.path("code").asText()).as("error code in %s", body).isEqualTo(code);
        assertThat(error.path("message").isTextual()).as("message in %s", body).isTrue();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("details").isArray()).as("details array in %s", body).isTrue();
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        return error;
    }
}
