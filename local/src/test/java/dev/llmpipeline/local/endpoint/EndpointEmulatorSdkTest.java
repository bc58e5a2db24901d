package dev.llmpipeline.local.endpoint;

import static dev.llmpipeline.local.endpoint.SageMakerClientFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** The emulator as the real AWS SDK v2 client sees it. */
class EndpointEmulatorSdkTest {

    private static final List<String> PROMPTS = List.of("What is the capital of France?",
            "Summarise the plot of Hamlet in one line.", "Translate 'good morning' into German.");
    private static final EmulatorSettings FAST = EmulatorSettings.defaults().withTimeScale(0.01).withSeed(42);

    private static EndpointEmulator emulator;
    private static SageMakerClientFixture sageMaker;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = EndpointEmulator.start(0, FAST.withPoisonMarker("POISON"));
        sageMaker = new SageMakerClientFixture(emulator);
    }

    @AfterAll
    static void stopEmulator() {
        sageMaker.close();
        emulator.close();
    }

    @Test
    void answersOneGenerationPerPromptInOrder() {
        InvokeEndpointResponse response =
                sageMaker.invoke(body(PROMPTS, "{\"max_new_tokens\": 50, \"batch_size\": 3}"));

        JsonNode generations = SageMakerClientFixture.readJson(response.body().asUtf8String());
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(generations).hasSize(3);
        for (int i = 0; i < PROMPTS.size(); i++) {
            JsonNode alone = sageMaker.invokeJson(body(PROMPTS.get(i), "{\"max_new_tokens\": 50}")).get(0);
            assertThat(generations.get(i)).isEqualTo(alone);
        }
    }

    @Test
    void greedyOutputsAreIdenticalAcrossCalls() {
        String request = body(PROMPTS, "{\"max_new_tokens\": 200, \"do_sample\": false}");

        assertThat(sageMaker.invokeJson(request)).isEqualTo(sageMaker.invokeJson(request));
    }

    @Test
    void samplingVariesAcrossCalls() {
        Set<String> outputs = new HashSet<>();
        for (int call = 0; call < 5; call++) {
            outputs.add(sageMaker.invokeJson(body("Tell me a story.", "{\"max_new_tokens\": 30, \"do_sample\": true}"))
                    .get(0).get("generated_text").asText());
        }

        assertThat(outputs).hasSizeGreaterThan(1);
    }

    @Test
    void cutsAtMaxNewTokensWithFinishReasonLength() {
        for (JsonNode generation : sageMaker.invokeJson(body(PROMPTS, "{\"max_new_tokens\": 4}"))) {
            assertThat(generation.get("generated_text").asText().split(" ")).hasSize(4);
            assertThat(generation.at("/details/generated_tokens").asInt()).isEqualTo(4);
            assertThat(generation.at("/details/finish_reason").asText()).isEqualTo("length");
        }
    }

    @Test
    void stopsOnItsOwnWhenTheBudgetIsLarge() {
        for (JsonNode generation : sageMaker.invokeJson(body(PROMPTS, "{\"max_new_tokens\": 512}"))) {
            assertThat(generation.at("/details/finish_reason").asText()).isEqualTo("stop");
            assertThat(generation.at("/details/generated_tokens").asInt()).isBetween(8, 200);
        }
    }

    @Test
    void mapsAPoisonedPromptToModelErrorException() {
        List<String> prompts = List.of("fine", "this one is POISON", "fine too");

        ModelErrorException error = catchThrowableOfType(ModelErrorException.class,
                () -> sageMaker.invoke(body(prompts, "{\"max_new_tokens\": 8}")));

        assertThat(error.statusCode()).isEqualTo(424);
        assertThat(error.originalStatusCode()).isEqualTo(400);
        assertThat(error.originalMessage()).contains("Prompt 2 of 3", "poison marker \\\"POISON\\\"");
        assertThat(error.getMessage()).contains("Received client error (400) from primary");
        assertThat(error.logStreamArn()).startsWith("arn:aws:logs:us-east-1:");
    }

    @Test
    void throttlesAsTheSdkRecognisesThrottling() throws Exception {
        try (EndpointEmulator throttling = EndpointEmulator.start(0, FAST.withThrottleRate(1));
                SageMakerClientFixture client = new SageMakerClientFixture(throttling)) {
            AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                    () -> client.invoke(body("hello", "{}")));

            assertThat(error.isThrottlingException()).isTrue();
            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        }
    }

    @Test
    void failsWithA5xxInternalFailure() throws Exception {
        try (EndpointEmulator failing = EndpointEmulator.start(0, FAST.withFailRate(1));
                SageMakerClientFixture client = new SageMakerClientFixture(failing)) {
            InternalFailureException error = catchThrowableOfType(InternalFailureException.class,
                    () -> client.invoke(body("hello", "{}")));

            assertThat(error.statusCode()).isEqualTo(500);
            assertThat(error.isThrottlingException()).isFalse();
            assertThat(failing.calls()).singleElement().satisfies(call -> {
                assertThat(call.status()).isEqualTo(500);
                assertThat(call.errorType()).isEqualTo("InternalFailure");
            });
        }
    }

    @Test
    void rejectsABadBodyWithValidationError() {
        ValidationErrorException error = catchThrowableOfType(ValidationErrorException.class,
                () -> sageMaker.invoke("{\"parameters\": {}}"));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("\"inputs\" is required");
    }

    @Test
    void recordsEachCallWithItsBatchAndParameters() throws Exception {
        try (EndpointEmulator recording = EndpointEmulator.start(0, FAST);
                SageMakerClientFixture client = new SageMakerClientFixture(recording)) {
            client.invoke(body(PROMPTS, "{\"max_new_tokens\": 7, \"do_sample\": false, \"batch_size\": 3}"));

            assertThat(recording.calls()).singleElement().satisfies(call -> {
                assertThat(call.endpointName()).isEqualTo(SageMakerClientFixture.ENDPOINT);
                assertThat(call.batchSize()).isEqualTo(3);
                assertThat(call.promptChars()).containsExactly(PROMPTS.get(0).length(), PROMPTS.get(1).length(),
                        PROMPTS.get(2).length());
                assertThat(call.parameters()).containsEntry("max_new_tokens", 7)
                        .containsEntry("do_sample", false).containsEntry("batch_size", 3);
                assertThat(call.status()).isEqualTo(200);
                assertThat(call.errorType()).isNull();
            });
            recording.clearCalls();
            assertThat(recording.calls()).isEmpty();
        }
    }
}
