package dev.llmpipeline.core.aws;

import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.IdempotencyRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps jobs and idempotency records to DynamoDB items and back. One table holds both, told apart by the prefix of
 * the partition key {@code pk}; instants are epoch milliseconds, {@code expires_at} epoch seconds (the TTL format).
 */
final class JobItems {
    static final String PK = "pk";
    static final String STATUS = "status";
    static final String LEASE_EXPIRES_AT = "lease_expires_at";
    static final String CLAIM_TOKEN = "claim_token";
    /** Sort key of the results index: when the job finished, then its id, so that it sorts in finishing order. */
    static final String DONE_KEY = "done_key";
    private static final String JOB_PREFIX = "job#";
    private static final String IDEMPOTENCY_PREFIX = "idem#";

    private JobItems() {
    }

    static Map<String, AttributeValue> jobKey(String jobId) {
        return Map.of(PK, s(JOB_PREFIX + jobId));
    }

    static Map<String, AttributeValue> idempotencyKey(String owner, String key) {
        // The key is the client's string: hash nothing away, but keep owners apart so one cannot collide with another.
        return Map.of(PK, s(IDEMPOTENCY_PREFIX + owner.length() + ":" + owner + "#" + key));
    }

    static Map<String, AttributeValue> toItem(Job job, Duration retention) {
        Map<String, AttributeValue> item = new HashMap<>(jobKey(job.jobId()));
        item.put("kind", s("job"));
        item.put("job_id", s(job.jobId()));
        item.put("owner", s(job.owner()));
        item.put(STATUS, s(job.status().wireName()));
        item.put("prompt", s(job.prompt()));
        item.put("max_new_tokens", n(job.params().maxNewTokens()));
        item.put("created_at", n(job.createdAt().toEpochMilli()));
        item.put("expires_at", n(job.createdAt().plus(retention).getEpochSecond()));
        putIfPresent(item, "custom_id", job.customId());
        putIfPresent(item, "batch_id", job.batchId());
        putIfPresent(item, "trace_id", job.traceId());
        if (!job.metadata().isEmpty()) {
            item.put("metadata", AttributeValue.fromM(job.metadata().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> s(entry.getValue())))));
        }
        return item;
    }

    /** A job from an item of the table, or of the results index, which holds no prompt (it is then null). */
    static Job toJob(Map<String, AttributeValue> item) {
        JobStatus status = JobStatus.fromWire(item.get(STATUS).s());
        Generation output = item.containsKey("output_text")
                ? new Generation(item.get("output_text").s(), integer(item, "generated_tokens"),
                        FinishReason.fromWire(item.get("finish_reason").s()))
                : null;
        JobError error = item.containsKey("error_code")
                ? new JobError(JobErrorCode.fromWire(item.get("error_code").s()), item.get("error_message").s())
                : null;
        Timings timings = item.containsKey("total_ms")
                ? new Timings(number(item, "queue_ms"), number(item, "model_ms"), number(item, "total_ms"),
                        integer(item, "attempts"), integer(item, "model_batch_size"))
                : null;
        Map<String, String> metadata = item.containsKey("metadata")
                ? item.get("metadata").m().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().s()))
                : Map.of();
        return new Job(
                item.get("job_id").s(),
                item.get("owner").s(),
                status,
                string(item, "prompt"),
                new GenerationParams(integer(item, "max_new_tokens")),
                string(item, "custom_id"),
                string(item, "batch_id"),
                metadata,
                instant(item, "created_at"),
                instant(item, "started_at"),
                instant(item, "completed_at"),
                output,
                error,
                timings,
                string(item, "trace_id"));
    }

    static Map<String, AttributeValue> toItem(IdempotencyRecord record, Duration retention) {
        Map<String, AttributeValue> item = new HashMap<>(idempotencyKey(record.owner(), record.key()));
        item.put("kind", s("idempotency"));
        item.put("request_hash", s(record.requestHash()));
        item.put("job_id", s(record.jobId()));
        item.put("created_at", n(record.createdAt().toEpochMilli()));
        item.put("expires_at", n(record.createdAt().plus(retention).getEpochSecond()));
        return item;
    }

    static IdempotencyRecord toIdempotencyRecord(String owner, String key, Map<String, AttributeValue> item) {
        return new IdempotencyRecord(owner, key, item.get("request_hash").s(), item.get("job_id").s(),
                instant(item, "created_at"));
    }

    /** The {@link #DONE_KEY} of a job that finished at {@code completedAtMillis}: zero-padded so it sorts as text. */
    static String doneKey(long completedAtMillis, String jobId) {
        return String.format("%013d#%s", completedAtMillis, jobId);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static int integer(Map<String, AttributeValue> item, String name) {
        return Math.toIntExact(number(item, name));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
