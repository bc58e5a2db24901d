package dev.llmpipeline.core.config;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom the SDK clients talk. Everything is explicit: the region and the credentials come from the
 * variables Lambda sets ({@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, ...), and no provider chain runs, so
 * nothing ever probes the instance metadata service. Endpoint overrides point the clients at local servers.
 */
public record AwsSettings(Region region, AwsCredentials credentials, Optional<URI> dynamoDbEndpoint,
                          Optional<URI> sqsEndpoint, Optional<URI> sageMakerRuntimeEndpoint) {

    /** Reads {@code AWS_REGION}, the credentials and the {@code AWS_ENDPOINT_URL_*} overrides. */
    public static AwsSettings read(EnvironmentReader env) {
        String region = env.required("AWS_REGION");
        String accessKey = env.required("AWS_ACCESS_KEY_ID");
        String secretKey = env.required("AWS_SECRET_ACCESS_KEY");
        Optional<String> sessionToken = env.optional("AWS_SESSION_TOKEN");
        Optional<URI> common = env.uri("AWS_ENDPOINT_URL");
        // The SDK refuses blank keys; a missing key is already a recorded problem that validate() reports.
        AwsCredentials credentials = accessKey.isEmpty() || secretKey.isEmpty() ? null : sessionToken
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(accessKey, secretKey, token))
                .orElseGet(() -> AwsBasicCredentials.create(accessKey, secretKey));
        return new AwsSettings(
                Region.of(region.isEmpty() ? "us-east-1" : region),
                credentials,
                env.uri("AWS_ENDPOINT_URL_DYNAMODB").or(() -> common),
                env.uri("AWS_ENDPOINT_URL_SQS").or(() -> common),
                env.uri("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME").or(() -> common));
    }
}
