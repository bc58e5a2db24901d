package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link DynamoDbBatchStore#putJobs}: requests of at most 25 items, and what DynamoDB left unprocessed written again. */
class DynamoDbBatchStoreWriteTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final List<Job> jobs = IntStream.rangeClosed(1, 60)
            .mapToObj(index -> Job.queued(UUID.randomUUID().toString(), "alice", "Explain item " + index,
                    new GenerationParams(32), "row-" + index, "batch-1", Map.of(), CREATED, null))
            .toList();

    @Test
    void writesEveryJobOnceInRequestsOfAtMost25() {
        UnprocessedItemsDynamoDbClient dynamoDb = new UnprocessedItemsDynamoDbClient(0, 0);

        store(dynamoDb).putJobs(jobs);

        assertThat(dynamoDb.requestSizes()).containsExactly(25, 25, 10);
        assertThat(dynamoDb.writtenJobIds()).containsExactlyInAnyOrderElementsOf(ids(jobs));
    }

    @Test
    void writesAgainWhatARequestLeftUnprocessedUntilEveryJobIsStored() {
        UnprocessedItemsDynamoDbClient dynamoDb = new UnprocessedItemsDynamoDbClient(4, 7);

        store(dynamoDb).putJobs(jobs);

        assertThat(dynamoDb.writtenJobIds()).containsExactlyInAnyOrderElementsOf(ids(jobs));
        assertThat(dynamoDb.requestSizes()).as("each retry carries only what was left")
                .startsWith(25, 7, 7, 7, 7).hasSize(7);
    }

    @Test
    void failsWhenItemsStayUnprocessedAfterEveryAttempt() {
        UnprocessedItemsDynamoDbClient dynamoDb = new UnprocessedItemsDynamoDbClient(Integer.MAX_VALUE, 3);

        assertThatThrownBy(() -> store(dynamoDb).putJobs(jobs.subList(0, 10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 job(s)");
        assertThat(dynamoDb.writtenJobIds()).hasSize(7);
    }

    private static DynamoDbBatchStore store(UnprocessedItemsDynamoDbClient dynamoDb) {
        return new DynamoDbBatchStore(dynamoDb, "JobsTable", Duration.ofDays(7));
    }

    private static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::jobId).toList();
    }
}
