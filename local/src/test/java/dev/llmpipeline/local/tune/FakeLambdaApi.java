package dev.llmpipeline.local.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A local fake of the Lambda REST API on 127.0.0.1, for the real SDK client: GetFunctionConfiguration,
 * UpdateFunctionConfiguration (MemorySize), Invoke (with {@code X-Amz-Log-Type: Tail}) and
 * Put/Get/DeleteProvisionedConcurrencyConfig, for one function ({@link FakeFunction}). Errors come as Lambda sends
 * them: a status, {@code X-Amzn-ErrorType} and a JSON message. A provisioned concurrency configuration is
 * {@code IN_PROGRESS} at its first read, then {@code READY} (or {@code FAILED}, when told). Requests are served one at
 * a time; its accessors are synchronized with them.
 */
final class FakeLambdaApi implements AutoCloseable {
    static final String FUNCTION = "llm-pipeline-worker";

    private static final Pattern FUNCTION_PATH =
            Pattern.compile("/2015-03-31/functions/([^/]+)/(configuration|invocations)/?");
    private static final Pattern PROVISIONED_PATH =
            Pattern.compile("/2019-09-30/functions/([^/]+)/provisioned-concurrency/?");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The JDK server sends headers and body in two writes; with Nagle's algorithm the body then waits for the
        // client's delayed ACK, 40 ms a request. Read once per JVM, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final FakeFunction function;
    private final Map<String, Integer> provisioned = new HashMap<>();
    private final Map<String, Integer> provisioningReadsLeft = new HashMap<>();
    private String provisioningFailure;
    private boolean throttleInvocations;

    private FakeLambdaApi(HttpServer server, FakeFunction function) {
        this.server = server;
        this.function = function;
    }

    /** Starts the fake on a free port of 127.0.0.1 with a function of this memory and architecture. */
    static FakeLambdaApi start(int memoryMb, String architecture) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeLambdaApi api = new FakeLambdaApi(server, new FakeFunction(memoryMb, architecture));
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The real SDK client against this fake: explicit region, static credentials, no retries. */
    LambdaClient client() {
        return LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(uri())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The memory the function has now. */
    synchronized int memoryMb() {
        return function.memoryMb();
    }

    /** Every memory size an update asked for, in order. */
    synchronized List<Integer> memoryUpdates() {
        return function.memoryUpdates();
    }

    /** How many reads of the configuration found an update in progress. */
    synchronized int inProgressAnswers() {
        return function.inProgressAnswers();
    }

    /** How many invocations came while an update was in progress. */
    synchronized int invocationsDuringUpdate() {
        return function.invocationsDuringUpdate();
    }

    /** Keeps every update in progress from now on. */
    synchronized void neverFinishUpdates() {
        function.neverFinishUpdates();
    }

    /** The provisioned concurrency asked for on a qualifier, if any. */
    synchronized OptionalInt provisionedConcurrency(String qualifier) {
        Integer executions = provisioned.get(qualifier);
        return executions == null ? OptionalInt.empty() : OptionalInt.of(executions);
    }

    /** Makes every allocation of provisioned concurrency end {@code FAILED} with this reason. */
    synchronized void failProvisioning(String reason) {
        provisioningFailure = reason;
    }

    /** Answers every invocation with 429 TooManyRequestsException. */
    synchronized void throttleInvocations() {
        throttleInvocations = true;
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher functionPath = FUNCTION_PATH.matcher(path);
            Matcher provisionedPath = PROVISIONED_PATH.matcher(path);
            if (functionPath.matches() && !decode(functionPath.group(1)).equals(FUNCTION)
                    || provisionedPath.matches() && !decode(provisionedPath.group(1)).equals(FUNCTION)) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + path);
            } else if (functionPath.matches() && functionPath.group(2).equals("configuration")) {
                configuration(exchange, method);
            } else if (functionPath.matches() && method.equals("POST")) {
                invoke(exchange);
            } else if (provisionedPath.matches()) {
                provisionedConcurrency(exchange, method, qualifier(exchange));
            } else {
                error(exchange, 404, "UnknownOperationException", method + " " + path);
            }
        }
    }

    private void configuration(HttpExchange exchange, String method) throws IOException {
        if (method.equals("PUT")) {
            if (function.updating()) {
                error(exchange, 409, "ResourceConflictException", "The operation cannot be performed at this time. "
                        + "An update is in progress for resource: " + FUNCTION);
                return;
            }
            function.update(body(exchange).path("MemorySize").asInt());
            json(exchange, 200, functionConfiguration("InProgress"));
        } else if (method.equals("GET")) {
            json(exchange, 200, functionConfiguration(function.readUpdateStatus()));
        } else {
            error(exchange, 405, "UnknownOperationException", method);
        }
    }

    private ObjectNode functionConfiguration(String lastUpdateStatus) {
        ObjectNode configuration = MAPPER.createObjectNode()
                .put("FunctionName", FUNCTION)
                .put("FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION)
                .put("Runtime", "java17")
                .put("MemorySize", function.memoryMb())
                .put("Timeout", 60)
                .put("State", "Active")
                .put("LastUpdateStatus", lastUpdateStatus);
        configuration.putArray("Architectures").add(function.architecture());
        return configuration;
    }

    private void invoke(HttpExchange exchange) throws IOException {
        String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (throttleInvocations) {
            error(exchange, 429, "TooManyRequestsException", "Rate Exceeded.");
            return;
        }
        FakeFunction.Invocation invocation = function.invoke(event);
        if ("Tail".equals(exchange.getRequestHeaders().getFirst("X-Amz-Log-Type"))) {
            exchange.getResponseHeaders().add("X-Amz-Log-Result",
                    Base64.getEncoder().encodeToString(invocation.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
        if (invocation.functionError() != null) {
            exchange.getResponseHeaders().add("X-Amz-Function-Error", invocation.functionError());
            send(exchange, 200, invocation.errorPayload());
        } else {
            send(exchange, 200, "{\"ok\":true}");
        }
    }

    private void provisionedConcurrency(HttpExchange exchange, String method, String qualifier) throws IOException {
        if (qualifier == null || qualifier.equals("$LATEST")) {
            error(exchange, 400, "InvalidParameterValueException", "Provisioned concurrency needs an alias or version");
        } else if (method.equals("PUT")) {
            provisioned.put(qualifier, body(exchange).path("ProvisionedConcurrentExecutions").asInt());
            provisioningReadsLeft.put(qualifier, 1);
            json(exchange, 202, provisionedConfiguration(qualifier, "IN_PROGRESS"));
        } else if (!provisioned.containsKey(qualifier)) {
            error(exchange, 404, "ProvisionedConcurrencyConfigNotFoundException",
                    "No Provisioned Concurrency Config found for this function");
        } else if (method.equals("GET")) {
            int readsLeft = provisioningReadsLeft.merge(qualifier, -1, Integer::sum);
            String status = readsLeft >= 0 ? "IN_PROGRESS" : provisioningFailure == null ? "READY" : "FAILED";
            json(exchange, 200, provisionedConfiguration(qualifier, status));
        } else if (method.equals("DELETE")) {
            provisioned.remove(qualifier);
            provisioningReadsLeft.remove(qualifier);
            send(exchange, 204, null);
        } else {
            error(exchange, 405, "UnknownOperationException", method);
        }
    }

    private ObjectNode provisionedConfiguration(String qualifier, String status) {
        int requested = provisioned.get(qualifier);
        ObjectNode configuration = MAPPER.createObjectNode()
                .put("RequestedProvisionedConcurrentExecutions", requested)
                .put("AvailableProvisionedConcurrentExecutions", status.equals("READY") ? requested : 0)
                .put("AllocatedProvisionedConcurrentExecutions", status.equals("READY") ? requested : 0)
                .put("Status", status)
                .put("LastModified", "2026-12-04T10:00:00+0000");
        if (status.equals("FAILED")) {
            configuration.put("StatusReason", provisioningFailure);
        }
        return configuration;
    }

    private static String qualifier(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("Qualifier=")) {
                return decode(pair.substring("Qualifier=".length()));
            }
        }
        return null;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        return MAPPER.readTree(exchange.getRequestBody().readAllBytes());
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("X-Amzn-ErrorType", type);
        json(exchange, status, MAPPER.createObjectNode().put("Type", "User").put("message", message));
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, MAPPER.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
