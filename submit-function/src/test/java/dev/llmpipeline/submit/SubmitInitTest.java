package dev.llmpipeline.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.llmpipeline.core.testing.RefusingAwsEndpoint;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitInitTest {

    @Test
    void initPrimesWithOneReadAndSurvivesItsRefusal() throws IOException {
        try (RefusingAwsEndpoint aws = RefusingAwsEndpoint.start()) {
            new SubmitHandler(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "key",
                    "AWS_SECRET_ACCESS_KEY", "secret", "AWS_ENDPOINT_URL", aws.uri().toString(),
                    "JOBS_TABLE", "jobs", "JOBS_QUEUE_URL", aws.uri() + "/000000000000/jobs"));

            assertThat(aws.requests()).containsExactly("DynamoDB_20120810.GetItem");
        }
    }

    @Test
    void primingReadsAndWritesAJobWithinTheSmallestLimits() {
        assertThatCode(() -> SubmitPriming.json(SubmissionReader.of(1, 1, 1))).doesNotThrowAnyException();
    }
}
