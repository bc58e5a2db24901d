package dev.llmpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract as curl sees it: paths, statuses, headers and the {@code /calls} resource. */
class EndpointEmulatorHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private EndpointEmulator emulator;

    @BeforeEach
    void startEmulator() throws IOException {
        emulator = EndpointEmulator.start(0, EmulatorSettings.defaults().withTimeScale(0.01).withSeed(3));
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(emulator.uri()).isEqualTo(URI.create("http://127.0.0.1:" + emulator.port()));
        assertThat(emulator.port()).isPositive();
    }

    @Test
    void answersASingleStringWithAOneElementArray() throws Exception {
        HttpResponse<String> response = send("POST", "/endpoints/demo/invocations", "{\"inputs\": \"Hello there\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-Amzn-Invoked-Production-Variant")).hasValue("AllTraffic");
        JsonNode generations = SageMakerClientFixture.readJson(response.body());
        assertThat(generations).hasSize(1);
        assertThat(generations.at("/0/details/generated_tokens").asInt()).isLessThanOrEqualTo(20);
    }

    @Test
    void rejectsANonJsonBodyAsValidationError() throws Exception {
        HttpResponse<String> response = send("POST", "/endpoints/demo/invocations", "prompt, not JSON");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationError");
        assertThat(SageMakerClientFixture.readJson(response.body()).get("message").asText()).contains("not valid JSON");
        assertThat(emulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.status()).isEqualTo(400);
            assertThat(call.batchSize()).isZero();
        });
    }

    @Test
    void answers404ForUnknownPathsAnd405ForOtherMethods() throws Exception {
        assertThat(send("POST", "/endpoints/demo/invoke", "{}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/somewhere", "{}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/endpoints/demo/invocations", null).statusCode()).isEqualTo(405);
        assertThat(emulator.calls()).isEmpty();
    }

    @Test
    void servesAndClearsTheRecordedCalls() throws Exception {
        send("POST", "/endpoints/demo/invocations",
                "{\"inputs\": [\"a b c\", \"d\"], \"parameters\": {\"max_new_tokens\": 5}}");

        JsonNode calls = SageMakerClientFixture.readJson(send("GET", "/calls", null).body()).get("calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.at("/0/endpoint_name").asText()).isEqualTo("demo");
        assertThat(calls.at("/0/batch_size").asInt()).isEqualTo(2);
        assertThat(calls.at("/0/prompt_chars").toString()).isEqualTo("[5,1]");
        assertThat(calls.at("/0/parameters/max_new_tokens").asInt()).isEqualTo(5);
        assertThat(calls.at("/0/status").asInt()).isEqualTo(200);

        assertThat(send("DELETE", "/calls", null).statusCode()).isEqualTo(204);
        assertThat(emulator.calls()).isEmpty();
    }

    @Test
    void stopsListeningWhenClosed() {
        emulator.close();

        assertThatThrownBy(() -> send("GET", "/calls", null)).isInstanceOf(ConnectException.class);
    }

    @Test
    void closesPromptlyWhileACallIsInTheModel() throws Exception {
        EndpointEmulator slow = EndpointEmulator.start(0,
                EmulatorSettings.defaults().withLatency(new LatencyModel(60_000, 0, 0, 0, 0, 0)).withSeed(4));
        HttpRequest request = HttpRequest.newBuilder(slow.uri().resolve("/endpoints/demo/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": \"take a minute\"}")).build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        awaitAHandlerInTheModel();

        long startNanos = System.nanoTime();
        slow.close();

        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    /** Polls, with a deadline, until a handler thread sleeps through a model call. */
    private static void awaitAHandlerInTheModel() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Thread.getAllStackTraces().values().stream().flatMap(Arrays::stream).noneMatch(frame ->
                frame.getClassName().equals(InvocationHandler.class.getName())
                        && frame.getMethodName().equals("sleepScaled"))) {
            assertThat(System.nanoTime()).as("a handler should be in the model by now").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(emulator.uri().resolve(path)).method(method, publisher)
                .header("Content-Type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
