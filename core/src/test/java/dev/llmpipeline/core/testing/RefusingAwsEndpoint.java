package dev.llmpipeline.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An AWS endpoint on the loopback interface that refuses every request with DynamoDB's
 * {@code ResourceNotFoundException} (a 400, which the SDK does not retry) and records what each request asked for,
 * so that a test can see what a function's init sends, and that the function survives the refusal. Thread-safe.
 */
public final class RefusingAwsEndpoint implements AutoCloseable {
    private static final byte[] REFUSAL = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
            + "\"message\":\"Requested resource not found\"}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private RefusingAwsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Starts the endpoint on a free port of 127.0.0.1. */
    public static RefusingAwsEndpoint start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RefusingAwsEndpoint endpoint = new RefusingAwsEndpoint(server);
        server.createContext("/", endpoint::refuse);
        server.start();
        return endpoint;
    }

    /** Where the endpoint listens, for {@code AWS_ENDPOINT_URL}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Each request received, in order: the {@code X-Amz-Target} of a JSON-protocol call (such as
     * {@code DynamoDB_20120810.GetItem}), or the method and path of any other (such as a SageMaker invocation).
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void refuse(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        requests.add(target != null ? target : exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        try (InputStream body = exchange.getRequestBody(); OutputStream answer = exchange.getResponseBody()) {
            body.readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, REFUSAL.length);
            answer.write(REFUSAL);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
