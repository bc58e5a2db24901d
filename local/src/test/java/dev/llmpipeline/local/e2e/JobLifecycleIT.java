package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.JobsApi.acceptedJobId;
import static dev.llmpipeline.local.e2e.JobsApi.assertError;
import static dev.llmpipeline.local.e2e.JobsApi.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job's life through the whole local stack: accepted, processed, read by its owner only, not cancellable late. */
@ExtendWith(LocalStackExtension.class)
class JobLifecycleIT {
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(60);
    private static final int DEFAULT_MAX_NEW_TOKENS = 128;

    private final PipelineClient alice;
    private final PipelineClient bob;

    JobLifecycleIT(@Owner("alice") PipelineClient alice, @Owner("bob") PipelineClient bob) {
        this.alice = alice;
        this.bob = bob;
    }

    @Test
    void fiftyConcurrentJobsAllSucceedWithOutputsAndConsistentTimings() {
        List<String> prompts = IntStream.range(0, 50)
                .mapToObj(index -> "Lifecycle " + index + ": why do queues smooth out bursts of load?").toList();

        List<String> jobIds = JobsApi.submitAll(alice, prompts, null).stream().map(JobsApi::acceptedJobId).toList();

        assertThat(jobIds).doesNotHaveDuplicates();
        for (String jobId : jobIds) {
            assertSucceededConsistently(awaitTerminal(alice, jobId, JOB_DEADLINE), jobId);
        }
    }

    @Test
    void acceptsAndRunsARequestAtEveryLimit() {
        Map<String, String> metadata = new LinkedHashMap<>();
        // 16 entries, each with a key of 64 and a value of 512 characters: the most the API accepts.
        IntStream.range(0, 16).forEach(index -> metadata.put(String.format("%02d", index) + "k".repeat(62),
                "v".repeat(512)));
        String customId = "c".repeat(64);
        String body = Json.write(Map.of("prompt", JobsApi.promptOfLength("the limits", 8_000),
                "max_new_tokens", 512, "custom_id", customId, "metadata", metadata, "do_sample", false));

        String jobId = acceptedJobId(JobsApi.postJob(alice, body));
        JsonNode job = awaitTerminal(alice, jobId, JOB_DEADLINE);

        assertThat(job.path("status").asText()).as("job %s", job).isEqualTo("succeeded");
        assertThat(job.path("request").path("max_new_tokens").asInt()).isEqualTo(512);
        assertThat(job.path("custom_id").asText()).isEqualTo(customId);
        assertThat(Json.mapper().convertValue(job.path("metadata"), new TypeReference<Map<String, String>>() { }))
                .isEqualTo(metadata);
    }

    @Test
    void hidesAJobFromAnotherOwnerExactlyAsAnUnknownId() {
        String jobId = acceptedJobId(alice.submit("Who may read this job?", 16, null, Optional.empty()));
        String unknownId = UUID.randomUUID().toString();

        JsonNode asBob = assertError(bob.job(jobId, 0), 404, "not_found");
        JsonNode unknown = assertError(alice.job(unknownId, 0), 404, "not_found");

        assertThat(asBob.path("message").asText().replace(jobId, "ID"))
                .isEqualTo(unknown.path("message").asText().replace(unknownId, "ID"));
        assertThat(asBob.path("details")).isEqualTo(unknown.path("details"));
        assertThat(awaitTerminal(alice, jobId, JOB_DEADLINE).path("status").asText()).isEqualTo("succeeded");
        assertError(bob.job(jobId, 0), 404, "not_found");
    }

    @Test
    void answersAnIdTooLongToBeATableKeyAsUnknownNotAsAFault() {
        // Job ids are UUIDs; a longer one cannot exist. DynamoDB refuses partition keys over 2,048 bytes with a
        // ValidationException, which must not surface as a 500.
        String overlongId = "x".repeat(3_000);

        assertError(alice.job(overlongId, 0), 404, "not_found");
        assertError(alice.cancel(overlongId), 404, "not_found");
    }

    @Test
    void refusesToCancelAFinishedJob() {
        String jobId = acceptedJobId(alice.submit("Can a finished job be cancelled?", 16, null, Optional.empty()));
        awaitTerminal(alice, jobId, JOB_DEADLINE);

        JsonNode error = assertError(alice.cancel(jobId), 409, "conflict");

        assertThat(error.path("message").asText()).contains("succeeded");
        assertThat(alice.job(jobId, 0).body().path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void answersAnotherOwnersCancelWith404AndKeepsTheJob() {
        String jobId = acceptedJobId(alice.submit("May bob cancel alice's job?", 16, null, Optional.empty()));

        assertError(bob.cancel(jobId), 404, "not_found");
        assertError(alice.cancel(UUID.randomUUID().toString()), 404, "not_found");

        assertThat(awaitTerminal(alice, jobId, JOB_DEADLINE).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void replaysTheSameJobForTheSameIdempotencyKeyAndBody() {
        Optional<String> key = Optional.of("lifecycle-" + UUID.randomUUID());
        String jobId = acceptedJobId(alice.submit("Idempotent submit, please.", 24, "idem-1", key));

        Response replay = alice.submit("Idempotent submit, please.", 24, "idem-1", key);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("job_id").asText()).isEqualTo(jobId);
        assertThat(replay.headers()).containsEntry("location", "/jobs/" + jobId);
        assertThat(awaitTerminal(alice, jobId, JOB_DEADLINE).path("status").asText()).isEqualTo("succeeded");
        Response afterwards = alice.submit("Idempotent submit, please.", 24, "idem-1", key);
        assertThat(afterwards.status()).isEqualTo(200);
        assertThat(afterwards.body().path("job_id").asText()).isEqualTo(jobId);
        assertThat(afterwards.body().path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void answersConcurrentRetriesWithTheSameIdempotencyKeyWithOneJob() {
        Optional<String> key = Optional.of("racing-" + UUID.randomUUID());
        List<String> sameBody = Collections.nCopies(8, "Racing retries of one submit.");

        List<Response> responses = JobsApi.submitAll(alice, sameBody, 24, key);

        assertThat(responses).extracting(Response::status).as("statuses of %s", responses.stream()
                .map(Response::body).toList()).containsOnly(200, 202);
        assertThat(responses).extracting(response -> response.body().path("job_id").asText()).hasSize(8)
                .containsOnly(responses.get(0).body().path("job_id").asText());
        awaitTerminal(alice, responses.get(0).body().path("job_id").asText(), JOB_DEADLINE);
    }

    @Test
    void refusesAnIdempotencyKeyReusedWithAnotherBody() {
        Optional<String> key = Optional.of("lifecycle-" + UUID.randomUUID());
        String jobId = acceptedJobId(alice.submit("The first body.", 24, null, key));

        JsonNode error = assertError(alice.submit("Another body.", 24, null, key), 409, "conflict");

        assertThat(error.path("message").asText()).contains("Idempotency-Key");
        assertError(alice.submit("The first body.", 25, null, key), 409, "conflict");
        awaitTerminal(alice, jobId, JOB_DEADLINE);
    }

    @Test
    void keepsTheIdempotencyKeysOfOwnersApart() {
        Optional<String> key = Optional.of("shared-" + UUID.randomUUID());
        String alicesJob = acceptedJobId(alice.submit("Same key, two owners.", 24, null, key));

        String bobsJob = acceptedJobId(bob.submit("Same key, two owners.", 24, null, key));

        assertThat(bobsJob).isNotEqualTo(alicesJob);
        assertThat(awaitTerminal(bob, bobsJob, JOB_DEADLINE).path("status").asText()).isEqualTo("succeeded");
        awaitTerminal(alice, alicesJob, JOB_DEADLINE);
    }

    private void assertSucceededConsistently(JsonNode job, String jobId) {
        assertThat(job.path("job_id").asText()).isEqualTo(jobId);
        assertThat(job.path("status").asText()).as("job %s", job).isEqualTo("succeeded");
        assertThat(job.path("request").path("max_new_tokens").asInt()).isEqualTo(DEFAULT_MAX_NEW_TOKENS);
        assertThat(job.path("error").isNull()).as("error of %s", job).isTrue();

        JsonNode output = job.path("output");
        String text = output.path("text").asText();
        int tokens = output.path("generated_tokens").asInt();
        String finishReason = output.path("finish_reason").asText();
        assertThat(text).isNotBlank();
        assertThat(tokens).isBetween(1, DEFAULT_MAX_NEW_TOKENS);
        assertThat(finishReason).isIn("stop", "length");
        if (finishReason.equals("length")) {
            assertThat(tokens).as("tokens of a job cut at its bound").isEqualTo(DEFAULT_MAX_NEW_TOKENS);
        }
        // The emulated model generates one word per token.
        assertThat(text.split(" ")).hasSize(tokens);

        JsonNode timings = job.path("timings");
        long queueMs = timings.path("queue_ms").asLong(-1);
        long modelMs = timings.path("model_ms").asLong(-1);
        long totalMs = timings.path("total_ms").asLong(-1);
        assertThat(queueMs).isNotNegative();
        // The emulated GPU takes milliseconds even at this time scale: a zero would mean the call was not timed.
        assertThat(modelMs).isPositive();
        assertThat(queueMs + modelMs).as("queue + model of %s", timings).isLessThanOrEqualTo(totalMs);
        assertThat(timings.path("attempts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(timings.path("model_batch_size").asInt()).isGreaterThanOrEqualTo(1);

        Instant createdAt = Instant.parse(job.path("created_at").asText());
        Instant startedAt = Instant.parse(job.path("started_at").asText());
        Instant completedAt = Instant.parse(job.path("completed_at").asText());
        assertThat(createdAt).isBeforeOrEqualTo(startedAt);
        assertThat(startedAt).isBeforeOrEqualTo(completedAt);
        assertThat(totalMs).as("total_ms is created_at to completed_at")
                .isEqualTo(Duration.between(createdAt, completedAt).toMillis());

        assertError(bob.job(jobId, 0), 404, "not_found");
    }
}
