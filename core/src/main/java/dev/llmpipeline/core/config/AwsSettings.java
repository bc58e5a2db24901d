package dev.llmpipeline.core.config;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom the SDK clients talk. Everything is explicit: the region and the credentials come from the
 * variables Lambda sets ({@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, ...), and no provider chain runs, so
 * nothing ever probes the instance metadata service. Endpoint overrides point the clients at local servers.
 *
 * <p>A SnapStart function gets no access keys in its environment: Lambda sets
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} instead, so that each environment restored from the snapshot fetches
 * credentials of its own (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials).
 * The SDK's container provider then reads that variable and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} from the
 * process environment, and refreshes the credentials before they expire.
 *
 * @param functionName the Lambda function the clients work for ({@code AWS_LAMBDA_FUNCTION_NAME}), named in the
 *                     user agent of every request so that CloudTrail, and the local stack's tests, can tell which
 *                     function made a call
 */
public record AwsSettings(Region region, AwsCredentialsProvider credentials, Optional<URI> dynamoDbEndpoint,
                          Optional<URI> sqsEndpoint, Optional<URI> sageMakerRuntimeEndpoint,
                          Optional<String> functionName) {

    static final String CONTAINER_CREDENTIALS = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    /** Settings with fixed credentials, of clients that work for no function (tools, tests, the local stack). */
    public AwsSettings(Region region, AwsCredentials credentials, Optional<URI> dynamoDbEndpoint,
                       Optional<URI> sqsEndpoint, Optional<URI> sageMakerRuntimeEndpoint) {
        this(region, StaticCredentialsProvider.create(credentials), dynamoDbEndpoint, sqsEndpoint,
                sageMakerRuntimeEndpoint, Optional.empty());
    }

    /**
     * Reads {@code AWS_REGION}, the credentials (access keys, else the container credentials endpoint), the
     * {@code AWS_ENDPOINT_URL_*} overrides and {@code AWS_LAMBDA_FUNCTION_NAME}.
     */
    public static AwsSettings read(EnvironmentReader env) {
        String region = env.required("AWS_REGION");
        Optional<URI> common = env.uri("AWS_ENDPOINT_URL");
        return new AwsSettings(
                Region.of(region.isEmpty() ? "us-east-1" : region),
                credentials(env),
                env.uri("AWS_ENDPOINT_URL_DYNAMODB").or(() -> common),
                env.uri("AWS_ENDPOINT_URL_SQS").or(() -> common),
                env.uri("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME").or(() -> common),
                env.optional("AWS_LAMBDA_FUNCTION_NAME"));
    }

    private static AwsCredentialsProvider credentials(EnvironmentReader env) {
        if (env.optional("AWS_ACCESS_KEY_ID").isEmpty() && env.optional(CONTAINER_CREDENTIALS).isPresent()) {
            return ContainerCredentialsProvider.builder().build();
        }
        String accessKey = env.required("AWS_ACCESS_KEY_ID");
        String secretKey = env.required("AWS_SECRET_ACCESS_KEY");
        Optional<String> sessionToken = env.optional("AWS_SESSION_TOKEN");
        // The SDK refuses blank keys; a missing key is already a recorded problem that validate() reports.
        if (accessKey.isEmpty() || secretKey.isEmpty()) {
            return null;
        }
        return StaticCredentialsProvider.create(sessionToken
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(accessKey, secretKey, token))
                .orElseGet(() -> AwsBasicCredentials.create(accessKey, secretKey)));
    }
}
