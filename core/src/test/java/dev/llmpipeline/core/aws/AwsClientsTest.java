package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.config.AwsSettings;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {
    private static final Optional<URI> NOWHERE = Optional.of(URI.create("http://127.0.0.1:9"));
    private static final AwsSettings SETTINGS = new AwsSettings(Region.US_EAST_1,
            AwsBasicCredentials.create("key", "secret"), NOWHERE, NOWHERE, NOWHERE);

    @Test
    void buildsEveryClientBeforeItsHttpClientExists() {
        AwsClients clients = new AwsClients(SETTINGS, AwsClientsTest::notBuiltYet);

        assertThatCode(() -> {
            clients.dynamoDb();
            clients.sqs();
            clients.sageMakerRuntime();
        }).doesNotThrowAnyException();
    }

    @Test
    void aRequestWaitsForTheHttpClientAndFailsWithItsBuild() {
        AwsClients clients = new AwsClients(SETTINGS, AwsClientsTest::notBuiltYet);

        assertThatThrownBy(() -> clients.dynamoDb().listTables())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TLS context");
    }

    @Test
    void namesTheHttpClientWithoutWaitingForIt() {
        SdkHttpClient deferred = new DeferredHttpClient(AwsClientsTest::notBuiltYet, "UrlConnection");

        assertThat(deferred.clientName()).isEqualTo(AwsClients.httpClient().clientName());
    }

    private static SdkHttpClient notBuiltYet() {
        throw new IllegalStateException("TLS context");
    }
}
