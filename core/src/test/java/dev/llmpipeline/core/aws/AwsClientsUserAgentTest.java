package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.config.AwsSettings;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

class AwsClientsUserAgentTest {
    private static final Optional<URI> NOWHERE = Optional.of(URI.create("http://127.0.0.1:9"));

    /** The user agent of every request the SDK tried to send; none is sent. */
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    /** Refuses each request at once, which the SDK does not retry. */
    private final SdkHttpClient refusingHttpClient = new RecordingHttpClient(() -> {
        throw new IllegalStateException("nothing may be sent");
    });
    /** Fails each request as a refused connection would, which the SDK retries unless told not to. */
    private final SdkHttpClient unreachableHttpClient = new RecordingHttpClient(() -> {
        throw new IOException("connection refused");
    });

    @Test
    void namesTheFunctionAtTheEndOfTheUserAgentOfEveryClient() {
        AwsClients clients = new AwsClients(settings(Optional.of("SubmitFunction")), () -> refusingHttpClient);

        assertThatThrownBy(() -> clients.dynamoDb().listTables()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> clients.sqs().listQueues()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> invoke(clients)).isInstanceOf(IllegalStateException.class);

        assertThat(userAgents).hasSize(3).allMatch(agent -> agent.endsWith(" function/SubmitFunction"));
    }

    @Test
    void namesNoFunctionOutsideLambda() {
        AwsClients clients = new AwsClients(settings(Optional.empty()), () -> refusingHttpClient);

        assertThatThrownBy(() -> clients.dynamoDb().listTables()).isInstanceOf(IllegalStateException.class);

        assertThat(userAgents).singleElement().asString().doesNotContain("function/");
    }

    @Test
    void theSageMakerClientKeepsItsOwnRetryStrategyBesideTheUserAgent() {
        AwsClients clients = new AwsClients(settings(Optional.of("WorkerFunction")), () -> unreachableHttpClient);

        assertThatThrownBy(() -> invoke(clients)).isInstanceOf(SdkClientException.class);
        assertThat(userAgents).as("SageMaker: no SDK retries").hasSize(1);

        assertThatThrownBy(() -> clients.dynamoDb().listTables()).isInstanceOf(SdkClientException.class);
        assertThat(userAgents).as("DynamoDB: the SDK's retries").hasSizeGreaterThan(2);
    }

    private static void invoke(AwsClients clients) {
        clients.sageMakerRuntime().invokeEndpoint(request -> request.endpointName("e")
                .body(SdkBytes.fromUtf8String("{}")));
    }

    private static AwsSettings settings(Optional<String> functionName) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"));
        return new AwsSettings(Region.US_EAST_1, credentials, NOWHERE, NOWHERE, NOWHERE, functionName);
    }

    /** Records each request's user agent, then fails it with {@code failure}. */
    private final class RecordingHttpClient implements SdkHttpClient {
        private final Failure failure;

        RecordingHttpClient(Failure failure) {
            this.failure = failure;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            userAgents.add(request.httpRequest().firstMatchingHeader("User-Agent").orElse(""));
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    return failure.fail();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private interface Failure {
        HttpExecuteResponse fail() throws IOException;
    }
}
