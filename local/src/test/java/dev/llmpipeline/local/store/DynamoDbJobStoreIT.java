package dev.llmpipeline.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.CancelResult;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.FailResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.port.IdempotencyRecord;
import dev.llmpipeline.core.port.JobAlreadyExistsException;
import dev.llmpipeline.local.aws.TableServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** {@link DynamoDbJobStore}'s conditional writes against dynalite, on a table shaped as the template's. */
class DynamoDbJobStoreIT {
    private static final String TABLE = "JobsTable";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static TableServer server;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbJobStore store;

    @BeforeAll
    static void startTableServerAndCreateTheJobsTable() {
        server = TableServer.start(Path.of(System.getProperty("pipeline.home", ".."), "local", "dynalite"), 0);
        dynamoDb = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamoDb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("batch_id"), attribute("job_id"))
                .keySchema(key("pk", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("batch_id-index")
                        .keySchema(key("batch_id", KeyType.HASH), key("job_id", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        store = new DynamoDbJobStore(dynamoDb, TABLE, Duration.ofDays(7));
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
    void readsBackEveryFieldOfACreatedJob() {
        Job job = queuedJob();

        store.create(job);

        assertThat(store.find(job.jobId())).contains(job);
        assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void refusesToCreateTheSameJobTwice() {
        Job job = queuedJob();
        store.create(job);

        assertThatThrownBy(() -> store.create(job)).isInstanceOf(JobAlreadyExistsException.class)
                .hasMessageContaining(job.jobId());
    }

    @Test
    void claimsAQueuedJobWithATokenAStartTimeAndALease() {
        Job job = created();
        Instant now = job.createdAt().plusMillis(40);

        ClaimResult result = store.claim(job.jobId(), now, LEASE, 1);

        assertThat(result).isInstanceOfSatisfying(ClaimResult.Claimed.class, claimed -> {
            assertThat(claimed.claimToken()).isNotBlank();
            assertThat(claimed.leaseExpiresAt()).isEqualTo(now.plus(LEASE));
            assertThat(claimed.job().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(claimed.job().startedAt()).isEqualTo(now);
        });
        assertThat(store.find(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void refusesASecondClaimWhileTheLeaseIsLive() {
        Job job = created();
        Instant now = job.createdAt().plusMillis(40);
        store.claim(job.jobId(), now, LEASE, 1);

        ClaimResult second = store.claim(job.jobId(), now.plus(LEASE).minusMillis(1), LEASE, 2);

        assertThat(second).isInstanceOfSatisfying(ClaimResult.HeldElsewhere.class,
                held -> assertThat(held.job().status()).isEqualTo(JobStatus.RUNNING));
    }

    @Test
    void takesOverAJobWhoseLeaseExpiredAndIgnoresTheOldClaimsResult() {
        Job job = created();
        Instant firstClaimAt = job.createdAt().plusMillis(40);
        var first = (ClaimResult.Claimed) store.claim(job.jobId(), firstClaimAt, LEASE, 1);
        Instant afterLease = first.leaseExpiresAt().plusMillis(1);

        ClaimResult takeover = store.claim(job.jobId(), afterLease, LEASE, 2);

        assertThat(takeover).isInstanceOfSatisfying(ClaimResult.Claimed.class, claimed -> {
            assertThat(claimed.claimToken()).isNotEqualTo(first.claimToken());
            assertThat(claimed.job().startedAt()).as("started_at keeps the first start").isEqualTo(firstClaimAt);
        });
        String newToken = ((ClaimResult.Claimed) takeover).claimToken();
        assertThat(store.complete(succeeded(job, first.claimToken(), afterLease.plusMillis(5)))).isFalse();
        assertThat(store.complete(succeeded(job, newToken, afterLease.plusMillis(6)))).isTrue();
    }

    @Test
    void storesTheOutputAndTimingsOfTheClaimThatFinishesOnlyOnce() {
        Job job = created();
        var claimed = (ClaimResult.Claimed) store.claim(job.jobId(), job.createdAt().plusMillis(40), LEASE, 3);
        Completion completion = succeeded(job, claimed.claimToken(), job.createdAt().plusMillis(900));

        assertThat(store.complete(completion)).isTrue();
        assertThat(store.complete(completion)).as("a second completion").isFalse();
        assertThat(store.complete(Completion.failed(job.jobId(), claimed.claimToken(),
                new JobError(JobErrorCode.MODEL_ERROR, "late"), completion.completedAt(), completion.timings())))
                .isFalse();

        Job stored = store.find(job.jobId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stored.output()).isEqualTo(completion.output());
        assertThat(stored.error()).isNull();
        assertThat(stored.timings()).isEqualTo(completion.timings());
        assertThat(stored.completedAt()).isEqualTo(completion.completedAt());
        assertThat(stored.metadata()).isEqualTo(job.metadata());
    }

    @Test
    void reportsATerminalJobAsFinishedAndAMissingOneAsMissing() {
        Job job = created();
        var claimed = (ClaimResult.Claimed) store.claim(job.jobId(), job.createdAt().plusMillis(40), LEASE, 1);
        store.complete(succeeded(job, claimed.claimToken(), job.createdAt().plusMillis(500)));
        String missingId = UUID.randomUUID().toString();

        assertThat(store.claim(job.jobId(), job.createdAt().plusSeconds(3600), LEASE, 2))
                .isInstanceOfSatisfying(ClaimResult.Finished.class,
                        finished -> assertThat(finished.job().status()).isEqualTo(JobStatus.SUCCEEDED));
        assertThat(store.claim(missingId, Instant.now(), LEASE, 1)).isEqualTo(new ClaimResult.Missing(missingId));
    }

    @Test
    void cancelsAQueuedJobAndNeverHandsItOutAfterwards() {
        Job job = created();
        Instant now = job.createdAt().plusMillis(10);

        CancelResult result = store.cancel(job.jobId(), now);

        assertThat(result).isInstanceOfSatisfying(CancelResult.Cancelled.class, cancelled -> {
            assertThat(cancelled.job().status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelled.job().completedAt()).isEqualTo(now);
        });
        assertThat(store.claim(job.jobId(), now.plusMillis(1), LEASE, 1)).isInstanceOf(ClaimResult.Finished.class);
        assertThat(store.cancel(job.jobId(), now.plusMillis(2))).isInstanceOf(CancelResult.NotCancellable.class);
    }

    @Test
    void refusesToCancelARunningJobOrAMissingOne() {
        Job job = created();
        store.claim(job.jobId(), job.createdAt().plusMillis(40), LEASE, 1);
        String missingId = UUID.randomUUID().toString();

        assertThat(store.cancel(job.jobId(), job.createdAt().plusMillis(50)))
                .isInstanceOfSatisfying(CancelResult.NotCancellable.class,
                        refused -> assertThat(refused.job().status()).isEqualTo(JobStatus.RUNNING));
        assertThat(store.find(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store.cancel(missingId, Instant.now())).isEqualTo(new CancelResult.Missing(missingId));
    }

    @Test
    void deletesAJobOnlyWhileItIsQueued() {
        Job queued = created();
        Job running = created();
        store.claim(running.jobId(), running.createdAt().plusMillis(40), LEASE, 1);

        assertThat(store.deleteIfQueued(queued.jobId())).isTrue();
        assertThat(store.deleteIfQueued(running.jobId())).isFalse();

        assertThat(store.find(queued.jobId())).isEmpty();
        assertThat(store.find(running.jobId())).isPresent();
    }

    @Test
    void failsAnAbandonedJobAsRetriesExhaustedButLeavesHeldAndFinishedOnesAlone() {
        Job running = created();
        Instant claimedAt = running.createdAt().plusMillis(40);
        store.claim(running.jobId(), claimedAt, LEASE, 5);
        Job finished = created();
        var claimed = (ClaimResult.Claimed) store.claim(finished.jobId(), finished.createdAt().plusMillis(40),
                LEASE, 1);
        store.complete(succeeded(finished, claimed.claimToken(), finished.createdAt().plusMillis(300)));
        JobError exhausted = new JobError(JobErrorCode.RETRIES_EXHAUSTED, "dead-lettered after 5 deliveries");
        Instant withinLease = claimedAt.plus(LEASE).minusMillis(1);
        Instant failedAt = claimedAt.plus(LEASE).plusMillis(1);

        assertThat(store.failIfAbandoned(running.jobId(), exhausted, withinLease)).isEqualTo(FailResult.HELD);
        assertThat(store.failIfAbandoned(running.jobId(), exhausted, failedAt)).isEqualTo(FailResult.FAILED);
        assertThat(store.failIfAbandoned(finished.jobId(), exhausted, failedAt)).isEqualTo(FailResult.TERMINAL);
        assertThat(store.failIfAbandoned(UUID.randomUUID().toString(), exhausted, failedAt))
                .isEqualTo(FailResult.MISSING);

        Job failed = store.find(running.jobId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo(exhausted);
        assertThat(failed.completedAt()).isEqualTo(failedAt);
        assertThat(failed.timings().totalMs()).isEqualTo(failedAt.toEpochMilli() - running.createdAt().toEpochMilli());
        assertThat(failed.timings().attempts()).isEqualTo(5);
        assertThat(store.find(finished.jobId()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.failIfAbandoned(running.jobId(), exhausted, failedAt.plusSeconds(1)))
                .isEqualTo(FailResult.TERMINAL);
    }

    @Test
    void reservesAnIdempotencyKeyOncePerOwner() {
        String key = "key-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var alices = new IdempotencyRecord("alice", key, "hash-1", "job-1", now);

        assertThat(store.reserveIdempotencyKey(alices)).isEmpty();
        var retry = new IdempotencyRecord("alice", key, "hash-2", "job-2", now.plusMillis(5));
        assertThat(store.reserveIdempotencyKey(retry)).contains(alices);
        assertThat(store.reserveIdempotencyKey(new IdempotencyRecord("bob", key, "hash-3", "job-3", now))).isEmpty();
        // "alice" with "K#x" and "alice#K" with "x" must not share an item, whatever the separator.
        assertThat(store.reserveIdempotencyKey(new IdempotencyRecord("alice", key + "#x", "h", "job-4", now)))
                .isEmpty();
        assertThat(store.reserveIdempotencyKey(new IdempotencyRecord("alice#" + key, "x", "h", "job-5", now)))
                .isEmpty();
    }

    private static Job queuedJob() {
        return Job.queued(UUID.randomUUID().toString(), "alice", "Explain leases.", new GenerationParams(64),
                "custom-7", "batch-" + UUID.randomUUID(), Map.of("team", "search", "run", "7"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "1-5759e988-bd862e3fe1be46a994272793");
    }

    private static Job created() {
        Job job = queuedJob();
        store.create(job);
        return job;
    }

    private static Completion succeeded(Job job, String token, Instant completedAt) {
        long total = Duration.between(job.createdAt(), completedAt).toMillis();
        return Completion.succeeded(job.jobId(), token, new Generation("Leases expire.", 2, FinishReason.STOP),
                completedAt, Timings.of(10, 20, total, 3, 4));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
