package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits, through the API, for jobs and batches to end; generous deadlines, for a machine under load. */
final class Waiting {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");
    private static final long BATCH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Waiting() {
    }

    /** Long-polls the job until it is terminal; returns it. */
    static JsonNode terminalJob(PipelineClient client, String jobId) {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode job = client.job(jobId, 20).body();
        while (!TERMINAL.contains(job.path("status").asText())) {
            assertThat(Instant.now()).as("job %s ends: %s", jobId, job).isBefore(deadline);
            job = client.job(jobId, 20).body();
        }
        return job;
    }

    /** Polls the batch until none of its jobs is queued or running; returns it. */
    static JsonNode endedBatch(PipelineClient client, String batchId) {
        return endedBatch(client, batchId, DEADLINE);
    }

    /** {@link #endedBatch(PipelineClient, String)} with a deadline of its own, for large batches. */
    static JsonNode endedBatch(PipelineClient client, String batchId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode batch = client.batch(batchId).body();
        while (batch.at("/request_counts/queued").asInt() + batch.at("/request_counts/running").asInt() > 0
                || !batch.has("request_counts")) {
            assertThat(Instant.now()).as("batch %s ends: %s", batchId, batch).isBefore(deadline);
            LockSupport.parkNanos(BATCH_POLL_NANOS);
            batch = client.batch(batchId).body();
        }
        return batch;
    }
}
