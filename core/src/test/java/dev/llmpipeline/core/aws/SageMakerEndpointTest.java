package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.EndpointException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

class SageMakerEndpointTest {
    private static final GenerationParams BOUND_16 = new GenerationParams(16);
    private static final Duration TIMEOUT = Duration.ofSeconds(42);

    private final ScriptedSageMakerRuntimeClient client = new ScriptedSageMakerRuntimeClient();
    private final SageMakerEndpoint batch = new SageMakerEndpoint(client, "llm-endpoint", EndpointProtocol.HF_BATCH,
            Runnable::run);
    private final SageMakerEndpoint perPrompt = new SageMakerEndpoint(client, "llm-endpoint",
            EndpointProtocol.PER_PROMPT, Runnable::run);

    @Test
    void sendsAMicroBatchAsOneGreedyBoundedCallWithItsBatchSize() throws Exception {
        client.answer("[{\"generated_text\": \"Hallo\"}, {\"generated_text\": \"Welt\"}]");

        List<Generation> generations = batch.generate(List.of("Hello", "World"), BOUND_16, TIMEOUT);

        assertThat(generations).extracting(Generation::text).containsExactly("Hallo", "Welt");
        assertThat(client.invocations()).singleElement().satisfies(invocation -> {
            assertThat(invocation.endpointName()).isEqualTo("llm-endpoint");
            assertThat(invocation.contentType()).isEqualTo("application/json");
            assertThat(invocation.apiCallTimeout()).isEqualTo(TIMEOUT);
            assertThat(Json.parse(invocation.body())).isEqualTo(Json.parse("{\"inputs\": [\"Hello\", \"World\"],"
                    + " \"parameters\": {\"max_new_tokens\": 16, \"do_sample\": false, \"batch_size\": 2}}"));
        });
    }

    @Test
    void sendsOneGreedyBoundedCallPerPromptAskingForDetails() throws Exception {
        client.answer("[{\"generated_text\": \"Hallo\", \"details\": {\"finish_reason\": \"eos_token\","
                        + " \"generated_tokens\": 2}}]")
                .answer("{\"generated_text\": \"Welt und mehr\", \"details\": {\"finish_reason\": \"length\","
                        + " \"generated_tokens\": 16}}");

        List<Generation> generations = perPrompt.generate(List.of("Hello", "World"), BOUND_16, TIMEOUT);

        assertThat(generations).containsExactly(new Generation("Hallo", 2, FinishReason.STOP),
                new Generation("Welt und mehr", 16, FinishReason.LENGTH));
        assertThat(client.invocations()).hasSize(2);
        assertThat(Json.parse(client.invocations().get(0).body())).isEqualTo(Json.parse("{\"inputs\": \"Hello\","
                + " \"parameters\": {\"max_new_tokens\": 16, \"do_sample\": false, \"details\": true}}"));
    }

    @Test
    void callsNothingForNoPrompts() {
        assertThat(batch.generate(List.of(), BOUND_16, TIMEOUT)).isEmpty();
        assertThat(client.invocations()).isEmpty();
    }

    @Test
    void reportsAModelErrorWithTheContainersMessage() {
        client.fail(modelError(400, "Input validation error: inputs tokens + max_new_tokens must be <= 1024"));

        assertThatThrownBy(() -> batch.generate(List.of("a very long prompt"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.MODEL_ERROR))
                .hasMessage("Input validation error: inputs tokens + max_new_tokens must be <= 1024");
    }

    @Test
    void treatsAContainerThatIsBusyOrRestartingAsTransient() {
        // The container's own 503 ("No worker is available to serve request") reaches us as a ModelError: it says
        // nothing about the prompts, and failing them for good would lose a whole micro-batch to a restart.
        client.fail(modelError(503, "No worker is available to serve request: model"));

        assertThatThrownBy(() -> batch.generate(List.of("a", "b"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.TRANSIENT));
    }

    @Test
    void treatsThrottlingAsTransient() {
        // SageMaker throttles with a 400 whose error code says so.
        client.fail(SageMakerRuntimeException.builder().statusCode(400).message("Rate exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                        .errorMessage("Rate exceeded").build())
                .build());

        assertThatThrownBy(() -> batch.generate(List.of("a"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.TRANSIENT));
    }

    @Test
    void treatsAServiceFaultAsTransient() {
        client.fail(ServiceUnavailableException.builder().statusCode(503).message("Service unavailable").build());

        assertThatThrownBy(() -> batch.generate(List.of("a"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.TRANSIENT));
    }

    @Test
    void treatsACallCutOffByItsTimeoutAsATimeout() {
        client.fail(ApiCallTimeoutException.create(TIMEOUT.toMillis()));

        assertThatThrownBy(() -> batch.generate(List.of("a"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.TIMEOUT));
    }

    @Test
    void treatsALostConnectionAsTransient() {
        client.fail(SdkClientException.create("Unable to execute HTTP request: Connection reset"));

        assertThatThrownBy(() -> perPrompt.generate(List.of("a"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.TRANSIENT));
    }

    @Test
    void treatsARefusedRequestAsPermanent() {
        client.fail(ValidationErrorException.builder().statusCode(400)
                .message("Endpoint llm-endpoint of account 123456789012 not found.").build());

        assertThatThrownBy(() -> batch.generate(List.of("a"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.PERMANENT));
    }

    @Test
    void treatsAMalformedAnswerAsPermanent() {
        client.answer("<html>502 Bad Gateway</html>");

        assertThatThrownBy(() -> batch.generate(List.of("a"), BOUND_16, TIMEOUT))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.PERMANENT));
    }

    private static ModelErrorException modelError(int originalStatus, String originalMessage) {
        return ModelErrorException.builder()
                .statusCode(424)
                .originalStatusCode(originalStatus)
                .originalMessage(originalMessage)
                .message("Received client error (" + originalStatus + ") from primary with message \""
                        + originalMessage + "\".")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ModelError").serviceName("SageMakerRuntime")
                        .errorMessage("Received error (" + originalStatus + ") from primary").build())
                .build();
    }
}
