package dev.llmpipeline.core.aws;

import static dev.llmpipeline.core.aws.JobItems.PK;
import static dev.llmpipeline.core.aws.JobItems.n;
import static dev.llmpipeline.core.aws.JobItems.s;

import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.BatchStore;
import dev.llmpipeline.core.port.JobSummary;
import dev.llmpipeline.core.port.ResultsPage;
import dev.llmpipeline.core.port.ResultsPosition;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link BatchStore} on the jobs table. A batch's jobs are found through two sparse indexes of the template:
 * {@code batch_id-index} (every job of a batch) and {@code batch_results-index} (its finished jobs, ordered by
 * {@code done_key}, the time they finished and their id). Each index projects only what its readers use, and
 * each query asks for just that. Thread-safe.
 */
public final class DynamoDbBatchStore implements BatchStore {
    /** The template's index of every job of a batch. */
    public static final String JOBS_INDEX = "batch_id-index";
    /** The template's index of a batch's finished jobs, in the order they finished. */
    public static final String RESULTS_INDEX = "batch_results-index";
    /** What {@link #JOBS_INDEX} projects besides the keys: what a job summary needs. The template must agree. */
    public static final List<String> JOBS_INDEX_ATTRIBUTES = List.of(JobItems.STATUS, "started_at", "completed_at");
    /**
     * What {@link #RESULTS_INDEX} projects besides the keys: a job as a result shows it. Not its prompt, which the
     * API never echoes and which can be its largest attribute, nor the bookkeeping of claims and expiry. The
     * template must agree.
     */
    public static final List<String> RESULTS_INDEX_ATTRIBUTES = List.of("job_id", "owner", JobItems.STATUS,
            "custom_id", "created_at", "started_at", "completed_at", "max_new_tokens", "output_text",
            "generated_tokens", "finish_reason", "error_code", "error_message", "queue_ms", "model_ms", "total_ms",
            "attempts", "model_batch_size", "metadata", "trace_id");
    private static final Projection SUMMARY = Projection.of("job_id", JOBS_INDEX_ATTRIBUTES);
    private static final Projection RESULT = Projection.of("batch_id", RESULTS_INDEX_ATTRIBUTES);
    /** <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">At most 25 puts per request.</a> */
    static final int MAX_BATCH_WRITE = 25;
    private static final int WRITE_ATTEMPTS = 6;
    /**
     * Not ThreadLocalRandom: its seeds derive from a class-wide seeder that a SnapStart snapshot would freeze, so the
     * environments restored from one snapshot would back off in step. SecureRandom stays unique across them:
     * https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html
     */
    private static final SecureRandom JITTER = new SecureRandom();

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration retention;

    public DynamoDbBatchStore(DynamoDbClient dynamoDb, String tableName, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.retention = retention;
    }

    @Override
    public void createBatch(Batch batch) {
        Map<String, AttributeValue> item = new HashMap<>(batchKey(batch.batchId()));
        item.put("kind", s("batch"));
        item.put("owner", s(batch.owner()));
        item.put("state", s(batch.state().wireName()));
        item.put("created_at", n(batch.createdAt().toEpochMilli()));
        item.put("total", n(batch.total()));
        item.put("expires_at", n(batch.createdAt().plus(retention).getEpochSecond()));
        if (!batch.metadata().isEmpty()) {
            item.put("metadata", AttributeValue.fromM(batch.metadata().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> s(entry.getValue())))));
        }
        dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(" + PK + ")"));
    }

    @Override
    public Optional<Batch> findBatch(String batchId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(batchKey(batchId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> metadata = item.containsKey("metadata")
                ? item.get("metadata").m().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().s()))
                : Map.of();
        return Optional.of(new Batch(batchId, item.get("owner").s(), BatchState.fromWire(item.get("state").s()),
                Instant.ofEpochMilli(Long.parseLong(item.get("created_at").n())),
                item.containsKey("cancelled_at") ? Instant.ofEpochMilli(Long.parseLong(item.get("cancelled_at").n()))
                        : null,
                Integer.parseInt(item.get("total").n()), metadata));
    }

    @Override
    public void markAccepted(String batchId) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(batchKey(batchId))
                .updateExpression("SET #state = :accepted")
                .conditionExpression("#state = :accepting")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":accepted", s(BatchState.ACCEPTED.wireName()),
                        ":accepting", s(BatchState.ACCEPTING.wireName()))));
    }

    @Override
    public boolean markCancelled(String batchId, Instant now) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(batchKey(batchId))
                    .updateExpression("SET #state = :cancelled, cancelled_at = :now")
                    .conditionExpression("#state = :accepted")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":cancelled", s(BatchState.CANCELLED.wireName()),
                            ":accepted", s(BatchState.ACCEPTED.wireName()), ":now", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void deleteBatch(String batchId) {
        dynamoDb.deleteItem(b -> b.tableName(tableName).key(batchKey(batchId)));
    }

    @Override
    public void putJobs(List<Job> jobs) {
        for (int start = 0; start < jobs.size(); start += MAX_BATCH_WRITE) {
            List<WriteRequest> pending = jobs.subList(start, Math.min(jobs.size(), start + MAX_BATCH_WRITE)).stream()
                    .map(job -> WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(JobItems.toItem(job, retention)).build()).build())
                    .toList();
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > WRITE_ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " job(s) could not be written after "
                            + WRITE_ATTEMPTS + " attempts");
                }
                if (attempt > 1) {
                    backOff(attempt);
                }
                List<WriteRequest> requests = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(
                        Map.of(tableName, requests)));
                pending = response.unprocessedItems().getOrDefault(tableName, List.of());
            }
        }
    }

    /**
     * Unprocessed items mean the table is throttling: wait with full jitter before writing them again
     * (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">as AWS advises</a>).
     */
    private static void backOff(int attempt) {
        long ceiling = Math.min(2_000, 25L << attempt);
        try {
            Thread.sleep(JITTER.nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a batch", e);
        }
    }

    @Override
    public List<JobSummary> jobsOf(String batchId) {
        List<JobSummary> jobs = new ArrayList<>();
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(JOBS_INDEX)
                .keyConditionExpression("batch_id = :batch")
                .expressionAttributeValues(Map.of(":batch", s(batchId)))
                .projectionExpression(SUMMARY.expression())
                .expressionAttributeNames(SUMMARY.names())
                .build();
        for (QueryResponse page : dynamoDb.queryPaginator(request)) {
            for (Map<String, AttributeValue> item : page.items()) {
                jobs.add(new JobSummary(item.get("job_id").s(), JobStatus.fromWire(item.get(JobItems.STATUS).s()),
                        instant(item, "started_at"), instant(item, "completed_at")));
            }
        }
        return jobs;
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.ofEpochMilli(Long.parseLong(item.get(name).n())) : null;
    }

    @Override
    public ResultsPage results(String batchId, Optional<ResultsPosition> after, Instant settledBefore, int limit) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(RESULTS_INDEX)
                .keyConditionExpression("batch_id = :batch AND done_key < :settled")
                .expressionAttributeValues(Map.of(":batch", s(batchId),
                        ":settled", s(JobItems.doneKey(settledBefore.toEpochMilli(), ""))))
                .projectionExpression(RESULT.expression())
                .expressionAttributeNames(RESULT.names())
                .limit(limit);
        after.ifPresent(position -> request.exclusiveStartKey(Map.of(
                "batch_id", s(batchId),
                JobItems.DONE_KEY, s(JobItems.doneKey(position.completedAtMillis(), position.jobId())),
                PK, JobItems.jobKey(position.jobId()).get(PK))));
        QueryResponse response = dynamoDb.query(request.build());
        List<Job> jobs = response.items().stream().map(JobItems::toJob).toList();
        Optional<ResultsPosition> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                && !jobs.isEmpty()
                ? Optional.of(new ResultsPosition(jobs.get(jobs.size() - 1).completedAt().toEpochMilli(),
                        jobs.get(jobs.size() - 1).jobId()))
                : Optional.empty();
        return new ResultsPage(jobs, next);
    }

    private static Map<String, AttributeValue> batchKey(String batchId) {
        return Map.of(PK, s("batch#" + batchId));
    }

    /** A projection naming each attribute by a placeholder: {@code owner} and {@code status} are reserved words. */
    private record Projection(String expression, Map<String, String> names) {

        static Projection of(String key, List<String> attributes) {
            Map<String, String> names = new LinkedHashMap<>();
            names.put("#a0", key);
            for (String attribute : attributes) {
                names.put("#a" + names.size(), attribute);
            }
            return new Projection(String.join(", ", names.keySet()), Map.copyOf(names));
        }
    }
}
