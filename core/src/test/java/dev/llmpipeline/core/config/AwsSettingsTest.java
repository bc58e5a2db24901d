package dev.llmpipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

class AwsSettingsTest {

    @Test
    void usesTheAccessKeysLambdaSetsWithoutSnapStart() {
        AwsSettings settings = read(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "key",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token"));

        assertThat(settings.credentials().resolveCredentials())
                .isEqualTo(AwsSessionCredentials.create("key", "secret", "token"));
    }

    @Test
    void usesTheContainerCredentialsEndpointUnderSnapStartWhereNoKeysAreSet() {
        AwsSettings settings = read(Map.of("AWS_REGION", "eu-west-1",
                AwsSettings.CONTAINER_CREDENTIALS, "http://127.0.0.1:9001/2021-04-23/credentials"));

        assertThat(settings.credentials()).isInstanceOf(ContainerCredentialsProvider.class);
    }

    @Test
    void namesTheMissingKeysWhenThereAreNoCredentialsAtAll() {
        assertThatThrownBy(() -> read(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID is required")
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is required");
    }

    private static AwsSettings read(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        AwsSettings settings = AwsSettings.read(env);
        env.validate();
        return settings;
    }
}
