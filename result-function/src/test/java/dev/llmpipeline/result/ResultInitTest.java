package dev.llmpipeline.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.llmpipeline.core.testing.RefusingAwsEndpoint;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultInitTest {

    @Test
    void initPrimesWithOneReadAndSurvivesItsRefusal() throws IOException {
        try (RefusingAwsEndpoint aws = RefusingAwsEndpoint.start()) {
            new ResultHandler(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "key",
                    "AWS_SECRET_ACCESS_KEY", "secret", "AWS_ENDPOINT_URL", aws.uri().toString(),
                    "JOBS_TABLE", "jobs"));

            assertThat(aws.requests()).containsExactly("DynamoDB_20120810.GetItem");
        }
    }

    @Test
    void primingWritesAFinishedJob() {
        assertThatCode(ResultPriming::json).doesNotThrowAnyException();
    }
}
