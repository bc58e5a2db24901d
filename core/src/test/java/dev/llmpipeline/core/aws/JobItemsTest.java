package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.IdempotencyRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class JobItemsTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00.123Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    @Test
    void readsBackAQueuedJobAsItWasWritten() {
        Job job = Job.queued("0b9c7f4e-2f7a-4f0e-9d3b-7f6d1c2a9e01", "user-alice", "Translate: good morning",
                new GenerationParams(64), "row-17", "batch-1", Map.of("team", "search"), CREATED,
                "1-67a0c0de-0123456789abcdef01234567");

        Job read = JobItems.toJob(JobItems.toItem(job, RETENTION));

        assertThat(read).isEqualTo(job);
    }

    @Test
    void storesTheExpiryInEpochSecondsForTheTableTtl() {
        Job job = Job.queued("job-1", "user-alice", "p", new GenerationParams(1), null, null, null, CREATED, null);

        Map<String, AttributeValue> item = JobItems.toItem(job, RETENTION);

        assertThat(item.get("expires_at").n()).isEqualTo(Long.toString(CREATED.plus(RETENTION).getEpochSecond()));
        assertThat(item.get("created_at").n()).isEqualTo(Long.toString(CREATED.toEpochMilli()));
        assertThat(item).doesNotContainKeys("custom_id", "batch_id", "trace_id", "metadata");
    }

    @Test
    void readsTheResultAWorkerStored() {
        Job job = Job.queued("job-1", "user-alice", "p", new GenerationParams(16), null, null, null, CREATED, null);
        Map<String, AttributeValue> item = new HashMap<>(JobItems.toItem(job, RETENTION));
        item.put("status", AttributeValue.fromS("succeeded"));
        item.put("started_at", AttributeValue.fromN(Long.toString(CREATED.toEpochMilli() + 500)));
        item.put("completed_at", AttributeValue.fromN(Long.toString(CREATED.toEpochMilli() + 800)));
        item.put("output_text", AttributeValue.fromS("Guten Morgen"));
        item.put("generated_tokens", AttributeValue.fromN("4"));
        item.put("finish_reason", AttributeValue.fromS("stop"));
        item.put("queue_ms", AttributeValue.fromN("480"));
        item.put("model_ms", AttributeValue.fromN("300"));
        item.put("total_ms", AttributeValue.fromN("800"));
        item.put("attempts", AttributeValue.fromN("2"));
        item.put("model_batch_size", AttributeValue.fromN("8"));

        Job read = JobItems.toJob(item);

        assertThat(read.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(read.completedAt()).isEqualTo(CREATED.plusMillis(800));
        assertThat(read.output()).isEqualTo(new Generation("Guten Morgen", 4, FinishReason.STOP));
        assertThat(read.timings()).isEqualTo(new Timings(480, 300, 800, 2, 8));
        assertThat(read.error()).isNull();
    }

    @Test
    void keepsIdempotencyKeysOfOwnersApartWhateverTheirCharacters() {
        var aliceKey = JobItems.idempotencyKey("a#b", "c");
        var otherKey = JobItems.idempotencyKey("a", "b#c");

        assertThat(aliceKey).isNotEqualTo(otherKey);
        assertThat(aliceKey.get("pk").s()).doesNotStartWith("job#");
    }

    @Test
    void readsBackAnIdempotencyRecord() {
        IdempotencyRecord record = new IdempotencyRecord("user-alice", "order-17", "ab12", "job-1", CREATED);

        IdempotencyRecord read = JobItems.toIdempotencyRecord("user-alice", "order-17",
                JobItems.toItem(record, RETENTION));

        assertThat(read).isEqualTo(record);
    }
}
