package dev.llmpipeline.local.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmpipeline.local.net.LoopbackHttpServer;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.http.HttpResponses;
import dev.llmpipeline.local.lambda.LocalContext;
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
 * handler's response back. Listens on 127.0.0.1 only.
 */
public final class HttpApiEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiEmulator.class);
    /** <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html">HTTP API payload limit.</a> */
    private static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** Functions behind an API answer within the 30 s integration timeout: their context says so. */
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ApiRoute> routes;
    private final Map<String, String> ownersByToken;
    private final Optional<TokenBucket> throttle;
    private final PayloadEvents events;

    private HttpApiEmulator(HttpServer server, ExecutorService executor, List<ApiRoute> routes,
                            Map<String, String> ownersByToken, Optional<TokenBucket> throttle) {
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
        HttpServer server = LoopbackHttpServer.create(port, 128);
        // Long polls hold a thread each for up to 20 s: a cached pool keeps them from starving other requests.
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "http-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        var emulator = new HttpApiEmulator(server, executor, routes, ownersByToken,
                throttling.map(limits -> new TokenBucket(limits.burstLimit(), limits.rateLimit())));
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
                    APIGatewayV2HTTPResponse response = HttpResponses.error(ErrorCode.UNAUTHORIZED,
                            "missing or invalid bearer token", List.of());
                    response.getHeaders().put("WWW-Authenticate", "Bearer");
                    return response;
                }
            }
            APIGatewayV2HTTPEvent event = events.event(exchange, route.routeKey(), parameters.get(), owner, body);
            var context = new LocalContext(route.functionName(), route.memoryMb(), INTEGRATION_TIMEOUT,
                    Clock.systemUTC());
            return route.handler().handleRequest(event, context);
        }
        return HttpResponses.error(ErrorCode.NOT_FOUND, "no route " + method + " " + path, List.of());
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
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
