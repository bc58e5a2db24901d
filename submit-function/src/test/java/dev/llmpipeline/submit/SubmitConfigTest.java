package dev.llmpipeline.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitConfigTest {
    private static final Map<String, String> LAMBDA = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "ASIAEXAMPLEKEY",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "AWS_SESSION_TOKEN", "session",
            "JOBS_TABLE", "llm-pipeline-jobs",
            "JOBS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/llm-pipeline-jobs");

    @Test
    void appliesTheDocumentedDefaults() {
        SubmitConfig config = SubmitConfig.fromEnvironment(LAMBDA);

        assertThat(config.maxPromptChars()).isEqualTo(8_000);
        assertThat(config.maxNewTokensCap()).isEqualTo(512);
        assertThat(config.defaultMaxNewTokens()).isEqualTo(128);
        assertThat(config.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.aws().dynamoDbEndpoint()).isEmpty();
    }

    @Test
    void refusesADefaultAboveTheCap() {
        Map<String, String> environment = new HashMap<>(LAMBDA);
        environment.put("MAX_NEW_TOKENS_CAP", "256");
        environment.put("DEFAULT_MAX_NEW_TOKENS", "300");

        assertThatThrownBy(() -> SubmitConfig.fromEnvironment(environment)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DEFAULT_MAX_NEW_TOKENS (300) must not exceed MAX_NEW_TOKENS_CAP (256)");
    }

    @Test
    void namesEveryMissingOrBadVariableAtOnce() {
        Map<String, String> environment = new HashMap<>(LAMBDA);
        environment.remove("JOBS_TABLE");
        environment.remove("JOBS_QUEUE_URL");
        environment.put("MAX_PROMPT_CHARS", "lots");

        assertThatThrownBy(() -> SubmitConfig.fromEnvironment(environment))
                .hasMessageContaining("JOBS_TABLE is required")
                .hasMessageContaining("JOBS_QUEUE_URL is required")
                .hasMessageContaining("MAX_PROMPT_CHARS must be an integer");
    }
}
