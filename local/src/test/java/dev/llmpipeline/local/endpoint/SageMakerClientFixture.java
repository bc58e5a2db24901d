package dev.llmpipeline.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/** The real AWS SDK client pointed at an emulator, as the worker builds it, and JSON helpers for tests. */
final class SageMakerClientFixture implements AutoCloseable {

    static final String ENDPOINT = "llm-endpoint";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final SageMakerRuntimeClient client;

    SageMakerClientFixture(EndpointEmulator emulator) {
        client = SageMakerRuntimeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(emulator.uri())
                // Each test sees the emulator's first answer, not the outcome of the SDK's retries.
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Invokes the endpoint with a JSON body and answers the raw SDK response. */
    InvokeEndpointResponse invoke(String jsonBody) {
        return client.invokeEndpoint(request -> request.endpointName(ENDPOINT)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(jsonBody)));
    }

    /** Invokes the endpoint and reads the answer as JSON. */
    JsonNode invokeJson(String jsonBody) {
        return readJson(invoke(jsonBody).body().asUtf8String());
    }

    static String body(Object inputs, String parametersJson) {
        try {
            return "{\"inputs\": " + MAPPER.writeValueAsString(inputs) + ", \"parameters\": " + parametersJson + "}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
