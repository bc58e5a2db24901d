package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.stack.LocalStack;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Takes every route and path of the pipeline once, through its API, so that every function makes every call its
 * code can make: submit, idempotent resubmit, long-poll, cancel; upload a batch, read it and its results, cancel
 * one; a dead-lettered job; and last, the submit side's rollbacks when the queue is gone (which leaves the stack
 * without its queue: walk a stack of your own).
 */
final class PipelineWalk {
    private static final Duration RESULTS_DEADLINE = Duration.ofSeconds(60);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LocalStack stack;
    private final PipelineClient client;
    private final String owner;

    PipelineWalk(LocalStack stack, String token, String owner) {
        this.stack = stack;
        this.client = new PipelineClient(stack.apiUrl(), token);
        this.owner = owner;
    }

    void walk() {
        jobs();
        batches();
        deadLetter();
        rollbacks();
    }

    private void jobs() {
        Response first = client.submit("Least privilege, first job.", 8, "lp-job", Optional.of("lp-key"));
        assertThat(first.status()).as("POST /jobs: %s", first.body()).isEqualTo(202);
        String jobId = first.body().path("job_id").asText();
        Response again = client.submit("Least privilege, first job.", 8, "lp-job", Optional.of("lp-key"));
        assertThat(again.status()).as("idempotent resubmit: %s", again.body()).isEqualTo(200);
        assertThat(again.body().path("job_id").asText()).isEqualTo(jobId);
        assertThat(Waiting.terminalJob(client, jobId).path("status").asText()).isEqualTo("succeeded");

        String toCancel = client.submit("Least privilege, a job to cancel.", 8, null, Optional.empty()).body()
                .path("job_id").asText();
        // The worker may have claimed it already: then the cancel is refused, after the same reads and writes.
        assertThat(client.cancel(toCancel).status()).isIn(200, 409);
    }

    private void batches() {
        String batchId = acceptedBatch(5);
        Waiting.endedBatch(client, batchId);
        assertThat(readAllResults(batchId, 5)).isEqualTo(5);

        String running = acceptedBatch(30);
        Response cancel = client.cancelBatch(running);
        assertThat(cancel.status()).as("DELETE /batches/{id}: %s", cancel.body()).isEqualTo(200);
    }

    /** A queued job whose message was dead-lettered, as a redrive leaves it (DeadLetterIT covers the redrive). */
    private void deadLetter() {
        String jobId = JobIds.newId();
        new DynamoDbJobStore(stack.dynamoDb(), stack.tableName("JobsTable"), Duration.ofDays(1)).create(Job.queued(
                jobId, owner, "Least privilege, a dead letter.", new GenerationParams(8), null, null, Map.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null));
        stack.sqs().sendMessage(request -> request.queueUrl(stack.queueUrl("JobsDeadLetterQueue"))
                .messageBody(SqsJobQueue.messageBody(jobId)));

        JsonNode job = Waiting.terminalJob(client, jobId);
        assertThat(job.path("error").path("code").asText()).as("job %s", job).isEqualTo("retries_exhausted");
    }

    /** Submissions that cannot be enqueued are rolled back: the only paths that delete. */
    private void rollbacks() {
        stack.sqs().deleteQueue(request -> request.queueUrl(stack.queueUrl("JobsQueue")));

        Response job = client.submit("Least privilege, never enqueued.", 8, null, Optional.empty());
        assertThat(job.status()).as("POST /jobs without a queue: %s", job.body()).isGreaterThanOrEqualTo(500);
        Response batch = upload(3);
        assertThat(batch.status()).as("POST /batches without a queue: %s", batch.body()).isGreaterThanOrEqualTo(500);
    }

    private String acceptedBatch(int lines) {
        Response upload = upload(lines);
        assertThat(upload.status()).as("POST /batches: %s", upload.body()).isEqualTo(202);
        String batchId = upload.body().path("batch_id").asText();
        assertThat(client.batch(batchId).status()).isEqualTo(200);
        return batchId;
    }

    private Response upload(int lines) {
        String body = IntStream.range(0, lines)
                .mapToObj(index -> Json.write(Map.of("custom_id", "lp-" + index,
                        "prompt", "Least privilege, batch line " + index + ".", "max_new_tokens", 8)))
                .collect(Collectors.joining("\n", "", "\n"));
        return client.send(client.request("/batches").timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/jsonl")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** Pages through the results, two at a time, until {@code total} are read; returns how many were. */
    private int readAllResults(String batchId, int total) {
        Instant deadline = Instant.now().plus(RESULTS_DEADLINE);
        int read = 0;
        String cursor = null;
        while (read < total && Instant.now().isBefore(deadline)) {
            Response page = client.batchResults(batchId, 2, cursor);
            assertThat(page.status()).as("GET /batches/{id}/results: %s", page.body()).isEqualTo(200);
            read += page.body().path("results").size();
            cursor = page.body().path("next_cursor").textValue();
            if (cursor == null) {
                break;
            }
            if (page.body().path("results").isEmpty()) {
                LockSupport.parkNanos(POLL_NANOS); // the last results are held back until they have settled
            }
        }
        return read;
    }
}
