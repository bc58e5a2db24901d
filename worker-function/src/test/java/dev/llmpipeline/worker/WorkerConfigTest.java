package dev.llmpipeline.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.aws.EndpointProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    private static final Map<String, String> LAMBDA = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "ASIAEXAMPLEKEY",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "JOBS_TABLE", "llm-pipeline-jobs",
            "ENDPOINT_NAME", "llm-endpoint");

    @Test
    void appliesTheDefaults() {
        WorkerConfig config = WorkerConfig.fromEnvironment(LAMBDA);

        assertThat(config.microBatchSize()).isEqualTo(8);
        assertThat(config.endpointConcurrency()).isEqualTo(2);
        assertThat(config.protocol()).isEqualTo(EndpointProtocol.HF_BATCH);
        assertThat(config.claimLease()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void letsALeaseInMillisecondsOverrideTheSeconds() {
        Map<String, String> environment = new HashMap<>(LAMBDA);
        environment.put("CLAIM_LEASE_SECONDS", "90");
        environment.put("CLAIM_LEASE_MILLIS", "750");

        assertThat(WorkerConfig.fromEnvironment(environment).claimLease()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void readsTheProtocolAndLocalEndpoints() {
        Map<String, String> environment = new HashMap<>(LAMBDA);
        environment.put("ENDPOINT_PROTOCOL", "per-prompt");
        environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        environment.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", "http://127.0.0.1:8080");

        WorkerConfig config = WorkerConfig.fromEnvironment(environment);

        assertThat(config.protocol()).isEqualTo(EndpointProtocol.PER_PROMPT);
        assertThat(config.aws().dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(config.aws().sageMakerRuntimeEndpoint()).contains(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void namesEveryBadVariableAtOnce() {
        Map<String, String> environment = new HashMap<>(LAMBDA);
        environment.remove("ENDPOINT_NAME");
        environment.put("MICRO_BATCH_SIZE", "0");
        environment.put("ENDPOINT_PROTOCOL", "grpc");

        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(environment))
                .hasMessageContaining("ENDPOINT_NAME is required")
                .hasMessageContaining("MICRO_BATCH_SIZE must be between 1 and 256")
                .hasMessageContaining("ENDPOINT_PROTOCOL must be one of [hf-batch, per-prompt]");
    }
}
