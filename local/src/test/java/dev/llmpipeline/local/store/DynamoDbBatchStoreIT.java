package dev.llmpipeline.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.aws.DynamoDbBatchStore;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.port.FailResult;
import dev.llmpipeline.core.port.JobSummary;
import dev.llmpipeline.core.port.ResultsPage;
import dev.llmpipeline.core.port.ResultsPosition;
import dev.llmpipeline.local.aws.TableServer;
import dev.llmpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** {@link DynamoDbBatchStore} against dynalite, on a table with the template's two batch indexes. */
class DynamoDbBatchStoreIT {
    private static final String TABLE = "JobsTable";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private static TableServer server;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbJobStore jobs;
    private static DynamoDbBatchStore batches;

    private final String batchId = UUID.randomUUID().toString();
    private final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    static void startTableServerAndCreateTheJobsTable() {
        server = TableServer.start(Path.of(System.getProperty("pipeline.home", ".."), "local", "dynalite"), 0);
        dynamoDb = client(server);
        dynamoDb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("batch_id"), attribute("job_id"),
                        attribute("done_key"))
                .keySchema(key("pk", KeyType.HASH))
                .globalSecondaryIndexes(templateIndexes()));
        jobs = new DynamoDbJobStore(dynamoDb, TABLE, Duration.ofDays(7));
        batches = new DynamoDbBatchStore(dynamoDb, TABLE, Duration.ofDays(7));
    }

    @AfterAll
    static void stopTableServer() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void putsJobsInChunksAndListsEveryOneWithItsStatus() {
        List<Job> batchJobs = queuedJobs(60);

        batches.putJobs(batchJobs);

        List<JobSummary> listed = batches.jobsOf(batchId);
        assertThat(listed).hasSize(60).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.completedAt()).isNull();
        });
        assertThat(listed).extracting(JobSummary::jobId)
                .containsExactlyInAnyOrderElementsOf(batchJobs.stream().map(Job::jobId).toList());
        assertThat(jobs.find(batchJobs.get(59).jobId())).contains(batchJobs.get(59));
        assertThat(batches.jobsOf(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void listsFinishedJobsInTheOrderTheyFinishedLeavingOutQueuedAndRunningOnes() {
        List<Job> batchJobs = queuedJobs(6);
        batches.putJobs(batchJobs);
        succeed(batchJobs.get(0), 30);
        succeed(batchJobs.get(1), 10);
        jobs.cancel(batchJobs.get(2).jobId(), created.plusMillis(15));
        jobs.claim(batchJobs.get(3).jobId(), created.plusMillis(1), LEASE, 1);
        // Dead-lettered while still queued: failed by the dead-letter handler.
        assertThat(jobs.failIfAbandoned(batchJobs.get(4).jobId(),
                new JobError(JobErrorCode.RETRIES_EXHAUSTED, "dead"), created.plusMillis(25)))
                .isEqualTo(FailResult.FAILED);

        ResultsPage page = batches.results(batchId, Optional.empty(), FAR_FUTURE, 100);

        assertThat(page.jobs()).extracting(Job::jobId).containsExactly(batchJobs.get(1).jobId(),
                batchJobs.get(2).jobId(), batchJobs.get(4).jobId(), batchJobs.get(0).jobId());
        assertThat(page.jobs()).extracting(Job::status).containsExactly(JobStatus.SUCCEEDED, JobStatus.CANCELLED,
                JobStatus.FAILED, JobStatus.SUCCEEDED);
        assertThat(page.jobs().get(0).output().text()).isEqualTo("Batches finish.");
        assertThat(page.next()).isEmpty();
        assertThat(batches.jobsOf(batchId)).extracting(JobSummary::status).containsExactlyInAnyOrder(
                JobStatus.SUCCEEDED, JobStatus.SUCCEEDED, JobStatus.CANCELLED, JobStatus.RUNNING, JobStatus.FAILED,
                JobStatus.QUEUED);
        assertThat(batches.jobsOf(batchId)).filteredOn(job -> job.jobId().equals(batchJobs.get(0).jobId()))
                .singleElement().satisfies(job -> assertThat(job.completedAt()).isEqualTo(created.plusMillis(30)));
    }

    @Test
    void aResultShowsEverythingTheTableHoldsOfTheJobButItsPrompt() {
        Job withEverything = Job.queued(UUID.randomUUID().toString(), "alice", "A prompt the results leave out.",
                new GenerationParams(64), "row-all", batchId, Map.of("source", "test"), created,
                "Root=1-00000000-000000000000000000000000");
        Job failing = queuedJobs(1).get(0);
        batches.putJobs(List.of(withEverything, failing));
        succeed(withEverything, 10);
        jobs.failIfAbandoned(failing.jobId(), new JobError(JobErrorCode.RETRIES_EXHAUSTED, "dead"),
                created.plusMillis(20));

        List<Job> results = batches.results(batchId, Optional.empty(), FAR_FUTURE, 100).jobs();

        assertThat(results).hasSize(2).allSatisfy(result -> {
            Job stored = jobs.find(result.jobId()).orElseThrow();
            assertThat(result.prompt()).isNull();
            assertThat(result).usingRecursiveComparison().ignoringFields("prompt").isEqualTo(stored);
        });
        assertThat(results.get(0).output().text()).isEqualTo("Batches finish.");
        assertThat(results.get(0).metadata()).containsEntry("source", "test");
        assertThat(results.get(1).error().code()).isEqualTo(JobErrorCode.RETRIES_EXHAUSTED);
        // The index itself holds no more than its projection: the local table honours INCLUDE, as DynamoDB does.
        assertThat(dynamoDb.query(request -> request.tableName(TABLE).indexName(DynamoDbBatchStore.RESULTS_INDEX)
                .keyConditionExpression("batch_id = :batch")
                .expressionAttributeValues(Map.of(":batch", AttributeValue.fromS(batchId)))).items())
                .hasSize(2).allSatisfy(item -> assertThat(item).doesNotContainKeys("prompt", "kind", "expires_at")
                        .containsKeys("job_id", "status", "completed_at"));
    }

    @Test
    void leavesOutJobsThatFinishedAtTheSettleBoundOrLater() {
        List<Job> batchJobs = queuedJobs(3);
        batches.putJobs(batchJobs);
        succeed(batchJobs.get(0), 10);
        succeed(batchJobs.get(1), 20);
        succeed(batchJobs.get(2), 21);

        ResultsPage page = batches.results(batchId, Optional.empty(), created.plusMillis(20), 100);

        assertThat(page.jobs()).extracting(Job::jobId).containsExactly(batchJobs.get(0).jobId());
        assertThat(batches.results(batchId, Optional.empty(), created.plusMillis(22), 100).jobs()).hasSize(3);
    }

    @Test
    void pagesThroughEveryResultExactlyOnceInFinishingOrder() {
        List<Job> batchJobs = queuedJobs(60);
        batches.putJobs(batchJobs);
        // Two jobs finish in each millisecond, so that pages also split jobs of the same moment.
        IntStream.range(0, 60).forEach(index -> succeed(batchJobs.get(index), 100 + index / 2));

        List<Job> seen = new ArrayList<>();
        Optional<ResultsPosition> after = Optional.empty();
        int pages = 0;
        do {
            ResultsPage page = batches.results(batchId, after, FAR_FUTURE, 7);
            assertThat(page.jobs()).hasSizeLessThanOrEqualTo(7);
            seen.addAll(page.jobs());
            after = page.next();
            pages++;
        } while (after.isPresent() && pages < 20);

        assertThat(seen).extracting(Job::jobId).hasSize(60).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(batchJobs.stream().map(Job::jobId).toList());
        assertThat(seen).extracting(Job::completedAt).isSorted();
        assertThat(pages).isBetween(9, 10);
    }

    @Test
    void continuesAfterAPositionThatIsNoJobOfTheBatch() {
        List<Job> batchJobs = queuedJobs(3);
        batches.putJobs(batchJobs);
        succeed(batchJobs.get(0), 10);
        succeed(batchJobs.get(1), 20);
        succeed(batchJobs.get(2), 30);
        ResultsPosition between = new ResultsPosition(created.plusMillis(15).toEpochMilli(),
                UUID.randomUUID().toString());

        ResultsPage page = batches.results(batchId, Optional.of(between), FAR_FUTURE, 100);

        assertThat(page.jobs()).extracting(Job::jobId)
                .containsExactly(batchJobs.get(1).jobId(), batchJobs.get(2).jobId());
    }

    @Test
    void storesABatchAcceptingThenAcceptedThenCancelled() {
        Batch batch = new Batch(batchId, "alice", BatchState.ACCEPTING, created, null, 60,
                Map.of("project", "eval-7"));

        batches.createBatch(batch);
        assertThat(batches.findBatch(batchId)).contains(batch);
        assertThat(batches.markCancelled(batchId, created.plusSeconds(1))).as("cancel while accepting").isFalse();
        batches.markAccepted(batchId);
        assertThat(batches.findBatch(batchId).orElseThrow().state()).isEqualTo(BatchState.ACCEPTED);

        assertThat(batches.markCancelled(batchId, created.plusSeconds(2))).isTrue();
        assertThat(batches.markCancelled(batchId, created.plusSeconds(3))).as("a second cancel").isFalse();
        Batch cancelled = batches.findBatch(batchId).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(BatchState.CANCELLED);
        assertThat(cancelled.cancelledAt()).isEqualTo(created.plusSeconds(2));
        assertThat(cancelled.metadata()).isEqualTo(Map.of("project", "eval-7"));
        assertThat(cancelled.total()).isEqualTo(60);
    }

    @Test
    void refusesToCreateABatchTwiceAndDeletesOne() {
        Batch batch = new Batch(batchId, "alice", BatchState.ACCEPTING, created, null, 1, Map.of());
        batches.createBatch(batch);

        assertThatThrownBy(() -> batches.createBatch(batch)).isInstanceOf(ConditionalCheckFailedException.class);
        batches.deleteBatch(batchId);

        assertThat(batches.findBatch(batchId)).isEmpty();
        assertThat(batches.findBatch(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void keepsServingWhenAClientAbortsABatchWriteMidRequest() throws IOException {
        // Its own server: if dynalite dies, the other tests keep theirs.
        try (TableServer own = TableServer.start(Path.of(System.getProperty("pipeline.home", ".."), "local",
                "dynalite"), 0);
             DynamoDbClient client = client(own)) {
            // What a worker whose invocation times out does: its thread is interrupted while the body is on its way.
            try (Socket socket = new Socket(own.endpoint().getHost(), own.endpoint().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: " + own.endpoint().getAuthority() + "\r\n"
                        + "Content-Type: application/x-amz-json-1.0\r\n"
                        + "X-Amz-Target: DynamoDB_20120810.BatchWriteItem\r\n"
                        + "Content-Length: 100000\r\n\r\n{\"RequestItems\": {").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoLinger(true, 0); // close with a reset, as an aborted connection does
            }

            Instant until = Instant.now().plusMillis(500);
            while (Instant.now().isBefore(until)) {
                assertThatCode(client::listTables).as("dynalite answers after a client aborted a request")
                        .doesNotThrowAnyException();
            }
        }
    }

    private List<Job> queuedJobs(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(index -> Job.queued(UUID.randomUUID().toString(), "alice", "Explain batch item " + index,
                        new GenerationParams(64), "row-" + index, batchId, Map.of("row", Integer.toString(index)),
                        created, null))
                .toList();
    }

    private void succeed(Job job, long finishedAfterMillis) {
        Instant finishedAt = created.plusMillis(finishedAfterMillis);
        var claimed = (ClaimResult.Claimed) jobs.claim(job.jobId(), created.plusMillis(1), LEASE, 1);
        assertThat(jobs.complete(Completion.succeeded(job.jobId(), claimed.claimToken(),
                new Generation("Batches finish.", 2, FinishReason.STOP), finishedAt,
                Timings.of(1, 2, finishedAfterMillis, 1, 8)))).isTrue();
    }

    /** The indexes as the template declares them, projections included: what the store reads must be there. */
    private static List<GlobalSecondaryIndex> templateIndexes() {
        return SamTemplate.load(Path.of(System.getProperty("pipeline.home", ".."), "template.yaml"))
                .table(TABLE).globalSecondaryIndexes().stream()
                .map(index -> GlobalSecondaryIndex.builder().indexName(index.indexName())
                        .keySchema(index.keySchema().stream()
                                .map(element -> key(element.attributeName(), KeyType.fromValue(element.keyType())))
                                .toList())
                        .projection(projection -> projection.projectionType(index.projectionType())
                                .nonKeyAttributes(index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes()))
                        .build())
                .toList();
    }

    private static DynamoDbClient client(TableServer tableServer) {
        return DynamoDbClient.builder().endpointOverride(tableServer.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
