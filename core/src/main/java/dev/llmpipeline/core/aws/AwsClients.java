package dev.llmpipeline.core.aws;

import dev.llmpipeline.core.config.AwsSettings;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients a function needs, once per execution environment. All clients share one url-connection
 * HTTP client: it starts faster and weighs less than the Apache and Netty clients, which matters for cold starts.
 * Thread-safe, so that the clients can be built side by side during init; close it when the environment shuts down.
 *
 * <p>Every request names the function it comes from at the end of its user agent ({@value #FUNCTION_AGENT_PREFIX}
 * and the function's name), so that CloudTrail tells the functions apart, and so do the local stack's tests of
 * least privilege.
 */
public final class AwsClients implements AutoCloseable {
    /** What precedes the function's name in the user agent: {@code function/SubmitFunction}. */
    public static final String FUNCTION_AGENT_PREFIX = "function/";
    // A micro-batch of long generations can take tens of seconds; the SDK's default read timeout would cut it.
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(70);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final String HTTP_CLIENT_NAME = "UrlConnection";
    private static final Consumer<ClientOverrideConfiguration.Builder> NO_OVERRIDES = overrides -> { };

    private final AwsSettings settings;
    private final SdkHttpClient httpClient;

    /** Builds the HTTP client on the calling thread. */
    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.httpClient = httpClient();
    }

    /**
     * Uses an HTTP client that may still be being built on another thread (see {@link #httpClient()}): the SDK
     * clients can be built meanwhile, since they use it only when they send.
     *
     * @param httpClient waits for the HTTP client, and rethrows what failed its build
     */
    public AwsClients(AwsSettings settings, Supplier<SdkHttpClient> httpClient) {
        this.settings = settings;
        this.httpClient = new DeferredHttpClient(httpClient, HTTP_CLIENT_NAME);
    }

    /** The HTTP client that every client of an {@code AwsClients} shares; its TLS context is built here. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .build();
    }

    /** A DynamoDB client for the configured region and endpoint. */
    public DynamoDbClient dynamoDb() {
        var builder = configure(DynamoDbClient.builder(), NO_OVERRIDES);
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** An SQS client for the configured region and endpoint. */
    public SqsClient sqs() {
        var builder = configure(SqsClient.builder(), NO_OVERRIDES);
        settings.sqsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * A SageMaker runtime client without SDK retries: the worker retries endpoint calls itself, within the time
     * its invocation has left, and splits micro-batches on model errors, which SDK retries would only delay.
     */
    public SageMakerRuntimeClient sageMakerRuntime() {
        var builder = configure(SageMakerRuntimeClient.builder(),
                overrides -> overrides.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.sageMakerRuntimeEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** One override configuration per client: a second {@code overrideConfiguration} call would replace the first. */
    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B builder, Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return builder
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClient(httpClient)
                .overrideConfiguration(configuration -> {
                    // Each call made in an active trace scope becomes a subsegment of that trace.
                    configuration.addExecutionInterceptor(new TracingInterceptor());
                    settings.functionName().ifPresent(name -> configuration.putAdvancedOption(
                            SdkAdvancedClientOption.USER_AGENT_SUFFIX, FUNCTION_AGENT_PREFIX + name));
                    overrides.accept(configuration);
                });
    }

    @Override
    public void close() {
        httpClient.close();
    }
}
