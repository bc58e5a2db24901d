package dev.llmpipeline.local.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * A small client of the pipeline's HTTP API, for the CLI, the demo and the end-to-end tests. Works against the
 * local stack and a deployed API alike. Asks for gzip where responses are large (pages of batch results) and
 * decodes any gzipped body it receives. Thread-safe.
 */
public final class PipelineClient {
    /** A response: status, parsed JSON body (decoded when it came gzipped) and headers (lower-case names). */
    public record Response(int status, JsonNode body, Map<String, String> headers) {
        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

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

    /**
     * {@code POST /batches} with a JSONL file, streamed from disk as {@code application/jsonl}.
     *
     * @throws UncheckedIOException if the file cannot be read or the request fails
     */
    public Response uploadBatch(Path jsonl) {
        return uploadBatch(jsonl, sent -> { });
    }

    /**
     * {@code POST /batches} with a JSONL file, reporting the bytes sent so far (on the HTTP client's threads).
     *
     * @throws UncheckedIOException if the file cannot be read or the request fails
     */
    public Response uploadBatch(Path jsonl, LongConsumer onBytesSent) {
        HttpRequest.BodyPublisher file;
        try {
            file = HttpRequest.BodyPublishers.ofFile(jsonl);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot read " + jsonl + ": " + e.getMessage(), e);
        }
        // The server validates every line and stores every job before it answers: a 5 MiB batch takes a while.
        return send(request("/batches").timeout(UPLOAD_TIMEOUT).header("Content-Type", "application/jsonl")
                .POST(new CountingBodyPublisher(file, onBytesSent)).build());
    }

    /** {@code GET /batches/{id}}. */
    public Response batch(String batchId) {
        return send(request("/batches/" + batchId).GET().build());
    }

    /**
     * {@code GET /batches/{id}/results?limit=&cursor=}: one page of finished jobs.
     *
     * @param limit  results per page, 1..1000
     * @param cursor the {@code next_cursor} of the previous page, or null for the first page
     */
    public Response batchResults(String batchId, int limit, String cursor) {
        String query = "?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        // A page of 1,000 results is megabytes of JSON that gzips several times smaller.
        return send(request("/batches/" + batchId + "/results" + query).header("Accept-Encoding", "gzip")
                .GET().build());
    }

    /** {@code DELETE /batches/{id}}: cancels every job of the batch that is still queued. */
    public Response cancelBatch(String batchId) {
        return send(request("/batches/" + batchId).DELETE().build());
    }

    /** {@code GET /local/traces/{trace_id}}: the segments the local stack's X-Ray daemon emulator collected. */
    public Response trace(String traceId) {
        return send(request("/local/traces/" + traceId).GET().build());
    }

    /** {@code GET /health}. */
    public Response health() {
        return send(HttpRequest.newBuilder(baseUrl.resolve("/health")).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** Any request, for callers that need one this client has no method for. */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            boolean gzipped = "gzip".equalsIgnoreCase(headers.getOrDefault("content-encoding", "").trim());
            byte[] body = gzipped ? gunzip(response.body()) : response.body();
            return new Response(response.statusCode(), parse(new String(body, StandardCharsets.UTF_8)), headers);
        } catch (IOException e) {
            // Some failures (a refused connection) carry no message; their class says what happened.
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new UncheckedIOException("request to " + request.uri() + " failed: " + reason, e);
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

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return input.readAllBytes();
        }
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
