package dev.llmpipeline.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultConfigTest {
    private static final Map<String, String> LAMBDA = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "ASIAEXAMPLEKEY",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "JOBS_TABLE", "llm-pipeline-jobs");

    @Test
    void allowsWaitsOfUpToTwentySecondsByDefault() {
        assertThat(ResultConfig.fromEnvironment(LAMBDA).maxWait()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesAMaximumWaitThatTheHttpApiWouldCut() {
        Map<String, String> environment = new HashMap<>(LAMBDA);
        environment.put("MAX_WAIT_SECONDS", "30");

        assertThatThrownBy(() -> ResultConfig.fromEnvironment(environment))
                .hasMessageContaining("MAX_WAIT_SECONDS must be between 0 and 25, was 30");
    }

    @Test
    void namesAMissingTableAndMissingCredentialsTogether() {
        Map<String, String> environment = new HashMap<>(LAMBDA);
        environment.remove("JOBS_TABLE");
        environment.remove("AWS_SECRET_ACCESS_KEY");

        assertThatThrownBy(() -> ResultConfig.fromEnvironment(environment))
                .hasMessageContaining("JOBS_TABLE is required")
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is required");
    }
}
