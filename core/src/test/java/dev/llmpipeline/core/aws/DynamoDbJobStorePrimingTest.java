package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.core.job.JobIds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

class DynamoDbJobStorePrimingTest {

    @Test
    void primingIsOneReadOfAJobThatCannotExist() {
        List<GetItemRequest> reads = new CopyOnWriteArrayList<>();
        // Any other operation fails: DynamoDbClient's defaults throw UnsupportedOperationException.
        DynamoDbClient dynamoDb = new DynamoDbClient() {
            @Override
            public GetItemResponse getItem(GetItemRequest request) {
                reads.add(request);
                return GetItemResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };

        new DynamoDbJobStore(dynamoDb, "jobs", Duration.ofDays(1)).prime();

        assertThat(reads).singleElement().satisfies(read -> {
            assertThat(read.tableName()).isEqualTo("jobs");
            assertThat(read.key()).isEqualTo(JobItems.jobKey(JobIds.ZERO));
        });
    }
}
