package dev.llmpipeline.core.aws;

import static dev.llmpipeline.core.aws.JobItems.CLAIM_TOKEN;
import static dev.llmpipeline.core.aws.JobItems.LEASE_EXPIRES_AT;
import static dev.llmpipeline.core.aws.JobItems.PK;
import static dev.llmpipeline.core.aws.JobItems.n;
import static dev.llmpipeline.core.aws.JobItems.s;

import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.CancelResult;
import dev.llmpipeline.core.port.FailResult;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.port.IdempotencyRecord;
import dev.llmpipeline.core.port.JobAlreadyExistsException;
import dev.llmpipeline.core.port.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link JobStore} on one DynamoDB table. Every transition is a single conditional write; transactions are not
 * needed (and the local DynamoDB does not offer them). When a condition fails, a consistent read tells why,
 * because {@code ReturnValuesOnConditionCheckFailure} is not available everywhere. Thread-safe.
 */
public final class DynamoDbJobStore implements JobStore {
    private static final Map<String, String> STATUS_NAME = Map.of("#st", JobItems.STATUS);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration retention;

    /**
     * @param retention how long items live before the table's TTL removes them
     */
    public DynamoDbJobStore(DynamoDbClient dynamoDb, String tableName, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.retention = retention;
    }

    @Override
    public void create(Job job) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(JobItems.toItem(job, retention))
                    .conditionExpression("attribute_not_exists(" + PK + ")"));
        } catch (ConditionalCheckFailedException e) {
            throw new JobAlreadyExistsException(job.jobId());
        }
    }

    @Override
    public Optional<Job> find(String jobId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(JobItems.jobKey(jobId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(JobItems.toJob(item));
    }

    /**
     * Reads a job that cannot exist ({@link JobIds#ZERO}: job ids are random version-4 UUIDs), so that init rather
     * than the first request pays for the SDK's request path: its classes, the HTTP connection and its TLS handshake,
     * signing, marshalling and unmarshalling. One GetItem, which every function is allowed; it changes nothing.
     */
    public void prime() {
        find(JobIds.ZERO);
    }

    @Override
    public boolean deleteIfQueued(String jobId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(tableName)
                    .key(JobItems.jobKey(jobId))
                    .conditionExpression("#st = :queued")
                    .expressionAttributeNames(STATUS_NAME)
                    .expressionAttributeValues(Map.of(":queued", s(JobStatus.QUEUED.wireName()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public ClaimResult claim(String jobId, Instant now, Duration lease, int attempt) {
        String token = UUID.randomUUID().toString();
        Instant leaseExpiresAt = now.plus(lease);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queued", s(JobStatus.QUEUED.wireName()));
        values.put(":running", s(JobStatus.RUNNING.wireName()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":lease", n(leaseExpiresAt.toEpochMilli()));
        values.put(":token", s(token));
        values.put(":attempt", n(attempt));
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(JobItems.jobKey(jobId))
                .updateExpression("SET #st = :running, " + LEASE_EXPIRES_AT + " = :lease, " + CLAIM_TOKEN
                        + " = :token, attempts = :attempt, started_at = if_not_exists(started_at, :now)")
                // A running job may be taken over only once its lease has run out: its worker died or timed out.
                .conditionExpression("attribute_exists(" + PK + ") AND (#st = :queued OR (#st = :running AND "
                        + LEASE_EXPIRES_AT + " < :now))")
                .expressionAttributeNames(STATUS_NAME)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .build();
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(request).attributes();
            return new ClaimResult.Claimed(JobItems.toJob(item), token, leaseExpiresAt);
        } catch (ConditionalCheckFailedException e) {
            return find(jobId)
                    .<ClaimResult>map(job -> job.status().isTerminal()
                            ? new ClaimResult.Finished(job)
                            : new ClaimResult.HeldElsewhere(job))
                    .orElseGet(() -> new ClaimResult.Missing(jobId));
        }
    }

    @Override
    public boolean complete(Completion completion) {
        Map<String, AttributeValue> values = resultValues(completion.status(), completion.completedAt());
        values.put(":running", s(JobStatus.RUNNING.wireName()));
        values.put(":token", s(completion.claimToken()));
        values.put(":done_key", s(JobItems.doneKey(completion.completedAt().toEpochMilli(), completion.jobId())));
        StringBuilder update = new StringBuilder("SET #st = :status, completed_at = :completed, done_key = :done_key");
        if (completion.output() != null) {
            values.put(":text", s(completion.output().text()));
            values.put(":tokens", n(completion.output().generatedTokens()));
            values.put(":finish", s(completion.output().finishReason().wireName()));
            update.append(", output_text = :text, generated_tokens = :tokens, finish_reason = :finish");
        } else {
            appendError(update, values, completion.error());
        }
        var timings = completion.timings();
        values.put(":queue_ms", n(timings.queueMs()));
        values.put(":model_ms", n(timings.modelMs()));
        values.put(":total_ms", n(timings.totalMs()));
        values.put(":batch", n(timings.modelBatchSize()));
        update.append(", queue_ms = :queue_ms, model_ms = :model_ms, total_ms = :total_ms, model_batch_size = :batch");
        update.append(" REMOVE " + LEASE_EXPIRES_AT + ", " + CLAIM_TOKEN);
        return conditionalUpdate(completion.jobId(), update.toString(),
                "#st = :running AND " + CLAIM_TOKEN + " = :token", values);
    }

    @Override
    public FailResult failIfAbandoned(String jobId, JobError error, Instant now) {
        Optional<Job> current = find(jobId);
        if (current.isEmpty()) {
            return FailResult.MISSING;
        }
        if (current.get().status().isTerminal()) {
            return FailResult.TERMINAL;
        }
        Map<String, AttributeValue> values = resultValues(JobStatus.FAILED, now);
        values.put(":queued", s(JobStatus.QUEUED.wireName()));
        values.put(":running", s(JobStatus.RUNNING.wireName()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":total_ms", n(Math.max(0, now.toEpochMilli() - current.get().createdAt().toEpochMilli())));
        values.put(":done_key", s(JobItems.doneKey(now.toEpochMilli(), jobId)));
        values.put(":zero", n(0));
        StringBuilder update = new StringBuilder("SET #st = :status, completed_at = :completed, done_key = :done_key,"
                + " attempts = if_not_exists(attempts, :zero),"
                + " total_ms = :total_ms, queue_ms = if_not_exists(queue_ms, :zero),"
                + " model_ms = if_not_exists(model_ms, :zero), model_batch_size = if_not_exists(model_batch_size, :zero)");
        appendError(update, values, error);
        update.append(" REMOVE " + LEASE_EXPIRES_AT + ", " + CLAIM_TOKEN);
        if (conditionalUpdate(jobId, update.toString(),
                "#st = :queued OR (#st = :running AND " + LEASE_EXPIRES_AT + " < :now)", values)) {
            return FailResult.FAILED;
        }
        return find(jobId).map(job -> job.status().isTerminal() ? FailResult.TERMINAL : FailResult.HELD)
                .orElse(FailResult.MISSING);
    }

    @Override
    public CancelResult cancel(String jobId, Instant now) {
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(JobItems.jobKey(jobId))
                    .updateExpression("SET #st = :cancelled, completed_at = :now, done_key = :done_key")
                    .conditionExpression("#st = :queued")
                    .expressionAttributeNames(STATUS_NAME)
                    .expressionAttributeValues(Map.of(
                            ":cancelled", s(JobStatus.CANCELLED.wireName()),
                            ":queued", s(JobStatus.QUEUED.wireName()),
                            ":now", n(now.toEpochMilli()),
                            ":done_key", s(JobItems.doneKey(now.toEpochMilli(), jobId))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new CancelResult.Cancelled(JobItems.toJob(item));
        } catch (ConditionalCheckFailedException e) {
            return find(jobId).<CancelResult>map(CancelResult.NotCancellable::new)
                    .orElseGet(() -> new CancelResult.Missing(jobId));
        }
    }

    @Override
    public Optional<IdempotencyRecord> reserveIdempotencyKey(IdempotencyRecord record) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(JobItems.toItem(record, retention))
                    .conditionExpression("attribute_not_exists(" + PK + ")"));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(JobItems.idempotencyKey(record.owner(), record.key()))
                    .consistentRead(true)).item();
            return Optional.of(JobItems.toIdempotencyRecord(record.owner(), record.key(), item));
        }
    }

    private static Map<String, AttributeValue> resultValues(JobStatus status, Instant completedAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status.wireName()));
        values.put(":completed", n(completedAt.toEpochMilli()));
        return values;
    }

    private static void appendError(StringBuilder update, Map<String, AttributeValue> values, JobError error) {
        values.put(":error_code", s(error.code().wireName()));
        values.put(":error_message", s(error.message()));
        update.append(", error_code = :error_code, error_message = :error_message");
    }

    private boolean conditionalUpdate(String jobId, String update, String condition,
                                      Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(JobItems.jobKey(jobId))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(STATUS_NAME)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
