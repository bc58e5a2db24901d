package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.core.config.AwsSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

class SageMakerEndpointPrimingTest {
    private static final Optional<URI> NOWHERE = Optional.of(URI.create("http://127.0.0.1:9"));

    private final List<URI> sent = new CopyOnWriteArrayList<>();
    private final SdkHttpClient recordingHttpClient = new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            sent.add(request.httpRequest().getUri());
            throw new IllegalStateException("nothing may be sent");
        }

        @Override
        public void close() {
        }
    };

    @Test
    void primingNeverSendsARequestSoNeverInvokesTheModel() {
        AwsSettings settings = new AwsSettings(Region.US_EAST_1, AwsBasicCredentials.create("key", "secret"),
                NOWHERE, NOWHERE, NOWHERE);
        var endpoint = new SageMakerEndpoint(new AwsClients(settings, () -> recordingHttpClient).sageMakerRuntime(),
                "llm-endpoint", EndpointProtocol.HF_BATCH, Runnable::run);

        endpoint.prime();

        assertThat(sent).isEmpty();
    }
}
