package dev.llmpipeline.local.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of the pipeline's HTTP API, for the CLI, the demo and the end-to-end tests. Works against the
 * local stack and a deployed API alike. Thread-safe.
 */
public final class PipelineClient {
    /** A response: status and parsed JSON body. */
    public record Response(int status, JsonNode body, Map<String, String> headers) {
        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String token;

    public PipelineClient(URI baseUrl, String token) {
        String text = baseUrl.toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
    }

    /** {@code POST /jobs}. */
    public Response submit(String prompt, Integer maxNewTokens, String customId, Optional<String> idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", prompt);
        if (maxNewTokens != null) {
            body.put("max_new_tokens", maxNewTokens);
        }
        if (customId != null) {
            body.put("custom_id", customId);
        }
        HttpRequest.Builder request = request("/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        return send(request.build());
    }

    /** {@code GET /jobs/{id}?wait=N}. */
    public Response job(String jobId, int waitSeconds) {
        return send(request("/jobs/" + jobId + (waitSeconds > 0 ? "?wait=" + waitSeconds : ""))
                .timeout(Duration.ofSeconds(waitSeconds + 30)).GET().build());
    }

    /** {@code DELETE /jobs/{id}}. */
    public Response cancel(String jobId) {
        return send(request("/jobs/" + jobId).DELETE().build());
    }

    /** {@code GET /health}. */
    public Response health() {
        return send(HttpRequest.newBuilder(baseUrl.resolve("/health")).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** Any request, for callers that need one this client has no method for. */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            return new Response(response.statusCode(), parse(response.body()), headers);
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A request builder for a path of the API, with the bearer token. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return Json.mapper().nullNode();
        }
        try {
            return Json.parse(body);
        } catch (JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }
}
