package dev.llmpipeline.worker;

import dev.llmpipeline.core.aws.EndpointProtocol;
import dev.llmpipeline.core.config.AwsSettings;
import dev.llmpipeline.core.config.EnvironmentReader;
import java.time.Duration;
import java.util.Map;

/**
 * The worker's settings, read once from its environment at init and validated there.
 *
 * @param microBatchSize      prompts per endpoint call ({@code MICRO_BATCH_SIZE})
 * @param endpointConcurrency endpoint calls in flight at once per invocation ({@code ENDPOINT_CONCURRENCY})
 * @param maxReceiveCount     deliveries before the queue dead-letters a message ({@code MAX_RECEIVE_COUNT}, as the
 *                            queue's redrive policy); on the last one the worker fails a job that has no result
 * @param claimLease          how long a claim holds a job ({@code CLAIM_LEASE_SECONDS}); longer than the function's
 *                            timeout, so that only a dead invocation's jobs are taken over
 * @param retryBase           first wait between endpoint retries ({@code RETRY_BASE_MILLIS}, default 100), doubling
 * @param retryCap            longest wait between endpoint retries ({@code RETRY_CAP_MILLIS}, default 5,000)
 */
public record WorkerConfig(AwsSettings aws, String jobsTable, String endpointName, int microBatchSize,
                           int endpointConcurrency, EndpointProtocol protocol, int maxReceiveCount,
                           Duration claimLease, Duration retention, Duration retryBase,
                           Duration retryCap) {

    /** Reads and validates the environment; the exception names every problem. */
    public static WorkerConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        AwsSettings aws = AwsSettings.read(env);
        String table = env.required("JOBS_TABLE");
        String endpoint = env.required("ENDPOINT_NAME");
        int microBatch = env.integer("MICRO_BATCH_SIZE", 8, 1, 256);
        int concurrency = env.integer("ENDPOINT_CONCURRENCY", 2, 1, 64);
        EndpointProtocol protocol = env.choice("ENDPOINT_PROTOCOL", EndpointProtocol.class, EndpointProtocol.HF_BATCH);
        int maxReceiveCount = env.integer("MAX_RECEIVE_COUNT", 5, 1, 1_000);
        int leaseMillis = env.integer("CLAIM_LEASE_MILLIS", 0, 0, 3_600_000);
        int leaseSeconds = env.integer("CLAIM_LEASE_SECONDS", 75, 1, 3_600);
        int retentionDays = env.integer("RESULT_RETENTION_DAYS", 7, 1, 365);
        int retryBase = env.integer("RETRY_BASE_MILLIS", 100, 1, 60_000);
        int retryCap = env.integer("RETRY_CAP_MILLIS", 5_000, 1, 600_000);
        if (retryCap < retryBase) {
            env.problem("RETRY_CAP_MILLIS (" + retryCap + ") must not be below RETRY_BASE_MILLIS (" + retryBase + ")");
        }
        env.validate();
        // CLAIM_LEASE_MILLIS lets the local stack scale the lease below a second; on AWS the seconds form is used.
        Duration lease = leaseMillis > 0 ? Duration.ofMillis(leaseMillis) : Duration.ofSeconds(leaseSeconds);
        return new WorkerConfig(aws, table, endpoint, microBatch, concurrency, protocol, maxReceiveCount, lease,
                Duration.ofDays(retentionDays), Duration.ofMillis(retryBase), Duration.ofMillis(retryCap));
    }
}
