package dev.llmpipeline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.core.testing.RefusingAwsEndpoint;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerInitTest {

    @Test
    void initPrimesWithOneReadNeverCallsTheModelAndSurvivesTheRefusal() throws IOException {
        try (RefusingAwsEndpoint aws = RefusingAwsEndpoint.start();
             WorkerHandler handler = new WorkerHandler(environment(aws, Map.of("ENDPOINT_NAME", "llm-endpoint")))) {

            assertThat(aws.requests()).containsExactly("DynamoDB_20120810.GetItem");
        }
    }

    @Test
    void deadLetterInitPrimesWithOneReadAndSurvivesItsRefusal() throws IOException {
        try (RefusingAwsEndpoint aws = RefusingAwsEndpoint.start()) {
            new DeadLetterHandler(environment(aws, Map.of()));

            assertThat(aws.requests()).containsExactly("DynamoDB_20120810.GetItem");
        }
    }

    private static Map<String, String> environment(RefusingAwsEndpoint aws, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "key",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_ENDPOINT_URL", aws.uri().toString(), "JOBS_TABLE", "jobs"));
        environment.putAll(more);
        return environment;
    }
}
