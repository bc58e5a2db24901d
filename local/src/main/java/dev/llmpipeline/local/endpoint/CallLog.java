package dev.llmpipeline.local.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The invocations the emulator answered, kept in arrival order, and the {@code /calls} resource that shows
 * them: {@code GET /calls} answers {@code {"calls": [...]}} in snake_case, {@code DELETE /calls} clears them.
 * Thread-safe: calls finish in any order, on any thread.
 */
final class CallLog implements HttpHandler {

    private final AtomicLong arrivals = new AtomicLong();
    // Keyed by arrival number, so a snapshot lists calls in the order they arrived, not finished.
    private final ConcurrentSkipListMap<Long, RecordedCall> calls = new ConcurrentSkipListMap<>();
    private final ObjectMapper mapper;

    CallLog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return the number a call gets when it arrives, to {@link #record} it under when it is answered */
    long arrive() {
        return arrivals.incrementAndGet();
    }

    void record(long arrival, RecordedCall call) {
        calls.put(arrival, call);
    }

    List<RecordedCall> snapshot() {
        return List.copyOf(calls.values());
    }

    void clear() {
        calls.clear();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/calls".equals(exchange.getRequestURI().getPath())) {
                EndpointResponse.notFound(exchange.getRequestURI().getPath()).writeTo(exchange, mapper);
            } else if ("GET".equals(exchange.getRequestMethod())) {
                List<Map<String, Object>> json = snapshot().stream().map(CallLog::toJson).toList();
                byte[] body = mapper.writeValueAsBytes(Map.of("calls", json));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else if ("DELETE".equals(exchange.getRequestMethod())) {
                clear();
                exchange.sendResponseHeaders(204, -1);
            } else {
                EndpointResponse.methodNotAllowed(exchange.getRequestMethod(), "GET or DELETE")
                        .writeTo(exchange, mapper);
            }
        }
    }

    private static Map<String, Object> toJson(RecordedCall call) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpoint_name", call.endpointName());
        json.put("received_at", call.receivedAt().toString());
        json.put("batch_size", call.batchSize());
        json.put("prompt_chars", call.promptChars());
        json.put("parameters", call.parameters());
        json.put("status", call.status());
        json.put("error_type", call.errorType());
        json.put("latency_ms", call.latencyMillis());
        return json;
    }
}
