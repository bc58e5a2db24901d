package dev.llmpipeline.local.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmpipeline.local.net.LoopbackHttpServer;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.http.HttpResponses;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.local.lambda.LocalContext;
import dev.llmpipeline.local.xray.ActiveTracing;
import dev.llmpipeline.local.xray.XRayDaemonEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for API Gateway's HTTP API: turns each HTTP request into a payload 2.0 event for the handler of the
 * matched route, with the bearer token's owner where the JWT authorizer puts the {@code sub} claim, and writes the
 * handler's response back. Listens on 127.0.0.1 only. With a daemon emulator it also traces each invocation as
 * Lambda's active tracing does, and serves what the daemon collected at {@value #TRACES_PATH}{@code {trace_id}}
 * (local only: no template route, same bearer auth).
 */
public final class HttpApiEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiEmulator.class);
    /** <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html">HTTP API payload limit.</a> */
    private static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** Functions behind an API answer within the 30 s integration timeout: their context says so. */
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    static final String TRACES_PATH = "/local/traces/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ApiRoute> routes;
    private final Map<String, String> ownersByToken;
    private final Optional<TokenBucket> throttle;
    private final PayloadEvents events;
    private final Optional<XRayDaemonEmulator> daemon;
    private final ActiveTracing tracing;

    private HttpApiEmulator(HttpServer server, ExecutorService executor, List<ApiRoute> routes,
                            Map<String, String> ownersByToken, Optional<TokenBucket> throttle,
                            Optional<XRayDaemonEmulator> daemon) {
        this.daemon = daemon;
        this.tracing = daemon.map(emulator -> ActiveTracing.toDaemon(emulator.address())).orElse(ActiveTracing.off());
        this.server = server;
        this.executor = executor;
        this.routes = List.copyOf(routes);
        this.ownersByToken = Map.copyOf(ownersByToken);
        this.throttle = throttle;
        this.events = new PayloadEvents(Clock.systemUTC());
    }

    /**
     * Starts serving.
     *
     * @param port          0 for any free port
     * @param ownersByToken bearer token to owner ({@code sub})
     * @param throttling    burst and rate when the template's throttling applies, else empty
     */
    public static HttpApiEmulator start(int port, List<ApiRoute> routes, Map<String, String> ownersByToken,
                                        Optional<Throttling> throttling) throws IOException {
        return start(port, routes, ownersByToken, throttling, Optional.empty());
    }

    /**
     * Starts serving, tracing each invocation into {@code daemon} and serving its traces, when given.
     *
     * @see #start(int, List, Map, Optional)
     */
    public static HttpApiEmulator start(int port, List<ApiRoute> routes, Map<String, String> ownersByToken,
                                        Optional<Throttling> throttling, Optional<XRayDaemonEmulator> daemon)
            throws IOException {
        HttpServer server = LoopbackHttpServer.create(port, 128);
        // Long polls hold a thread each for up to 20 s: a cached pool keeps them from starving other requests.
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "http-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        var emulator = new HttpApiEmulator(server, executor, routes, ownersByToken,
                throttling.map(limits -> new TokenBucket(limits.burstLimit(), limits.rateLimit())), daemon);
        server.createContext("/", emulator::serve);
        server.start();
        return emulator;
    }

    /** The route throttling of the HTTP API's stage: a burst and a steady rate per second. */
    public record Throttling(int burstLimit, double rateLimit) {}

    /** Where it listens: {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, HttpResponses.error(ErrorCode.PAYLOAD_TOO_LARGE,
                        "body: larger than the HTTP API's 10 MB limit", List.of()));
                return;
            }
            APIGatewayV2HTTPResponse response;
            try {
                response = route(exchange, body);
            } catch (RuntimeException e) {
                // A handler that throws is a failed integration: API Gateway answers 500, so do we.
                LOG.error("{} {} failed in its function", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = HttpResponses.error(ErrorCode.INTERNAL_ERROR, "internal error", List.of());
            }
            send(exchange, response);
        }
    }

    private APIGatewayV2HTTPResponse route(HttpExchange exchange, byte[] body) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (daemon.isPresent() && method.equals("GET") && path.startsWith(TRACES_PATH)) {
            return trace(exchange, path.substring(TRACES_PATH.length()));
        }
        for (ApiRoute route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, path);
            if (parameters.isEmpty()) {
                continue;
            }
            if (throttle.isPresent() && !throttle.get().tryAcquire()) {
                APIGatewayV2HTTPResponse response = HttpResponses.error(ErrorCode.THROTTLED,
                        "too many requests; retry later", List.of());
                response.getHeaders().put("Retry-After", Long.toString(throttle.get().secondsUntilNextToken()));
                return response;
            }
            String owner = null;
            if (route.authorized()) {
                owner = ownerOf(exchange.getRequestHeaders().getFirst("Authorization"));
                if (owner == null) {
                    return unauthorized();
                }
            }
            APIGatewayV2HTTPEvent event = events.event(exchange, route.routeKey(), parameters.get(), owner, body);
            try (Span invocation = tracing.invocation(route.functionName())) {
                var context = new LocalContext(route.functionName(), route.memoryMb(), INTEGRATION_TIMEOUT,
                        Clock.systemUTC(), invocation.traceHeader());
                APIGatewayV2HTTPResponse response = route.handler().handleRequest(event, context);
                invocation.put("http", Map.of("response", Map.of("status", response.getStatusCode())));
                return response;
            }
        }
        return HttpResponses.error(ErrorCode.NOT_FOUND, "no route " + method + " " + path, List.of());
    }

    /** {@code GET /local/traces/{trace_id}}: the documents the daemon emulator collected for the trace. */
    private APIGatewayV2HTTPResponse trace(HttpExchange exchange, String traceId) {
        if (ownerOf(exchange.getRequestHeaders().getFirst("Authorization")) == null) {
            return unauthorized();
        }
        List<JsonNode> documents = daemon.orElseThrow().documents(traceId);
        if (documents.isEmpty()) {
            return HttpResponses.error(ErrorCode.NOT_FOUND, "no segments of trace " + traceId + " (yet)", List.of());
        }
        return HttpResponses.json(200, Map.of("trace_id", traceId, "documents", documents));
    }

    private static APIGatewayV2HTTPResponse unauthorized() {
        APIGatewayV2HTTPResponse response = HttpResponses.error(ErrorCode.UNAUTHORIZED,
                "missing or invalid bearer token", List.of());
        response.getHeaders().put("WWW-Authenticate", "Bearer");
        return response;
    }

    private String ownerOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return ownersByToken.get(authorization.substring(7).trim());
    }

    private static byte[] readBody(InputStream input) throws IOException {
        byte[] body = input.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        tracing.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
