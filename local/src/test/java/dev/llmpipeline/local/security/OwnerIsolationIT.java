package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.e2e.LocalStackExtension;
import dev.llmpipeline.local.e2e.Owner;
import dev.llmpipeline.local.openapi.ApiContract;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job or batch is visible only to its owner: bob gets exactly the 404 an id that does not exist gets, for reading
 * and for cancelling, and what he tries changes nothing of alice's. Idempotency keys are per owner too.
 */
@ExtendWith(LocalStackExtension.class)
class OwnerIsolationIT {
    private static final int ATTEMPTS = 10;

    private final PipelineClient alice;
    private final PipelineClient bob;
    private final ApiContract contract = ApiContract.load();

    OwnerIsolationIT(@Owner("alice") PipelineClient alice, @Owner("bob") PipelineClient bob) {
        this.alice = alice;
        this.bob = bob;
    }

    @Test
    void answersAnotherOwnersQueuedJobExactlyAsAMissingOneAndLeavesItQueued() {
        // Bob's cancel must fail for the job's owner, not its state: alice cancels the same job right after, which
        // works only while it is still queued. A worker may claim it first; then another job is tried.
        boolean provenQueued = false;
        for (int attempt = 0; attempt < ATTEMPTS && !provenQueued; attempt++) {
            String jobId = alice.submit("Alice's private job " + attempt, 4, null, Optional.empty()).body()
                    .path("job_id").asText();

            assertLikeAMissingId("DELETE /jobs/{id}", jobId, bob::cancel);
            assertLikeAMissingId("GET /jobs/{id}", jobId, id -> bob.job(id, 0));
            assertLikeAMissingId("GET /jobs/{id}", jobId, id -> bob.job(id, 1));

            Response aliceCancels = alice.cancel(jobId);
            assertThat(aliceCancels.status()).as("alice's cancel: %s", aliceCancels.body()).isIn(200, 409);
            provenQueued = aliceCancels.status() == 200;
        }
        assertThat(provenQueued).as("bob's cancel found a queued job and left it queued").isTrue();
    }

    @Test
    void leavesAnotherOwnersJobToFinishAsItWould() {
        String jobId = alice.submit("Alice's job that bob tries to cancel.", 4, null, Optional.empty()).body()
                .path("job_id").asText();

        assertLikeAMissingId("DELETE /jobs/{id}", jobId, bob::cancel);

        JsonNode job = Waiting.terminalJob(alice, jobId);
        assertThat(job.path("status").asText()).as("alice's job %s", job).isEqualTo("succeeded");
        assertThat(job.path("output").path("text").isTextual()).isTrue();
    }

    @Test
    void answersAnotherOwnersBatchExactlyAsAMissingOneAndLeavesItRunning() {
        String batchId = alice.send(alice.request("/batches").header("Content-Type", "application/jsonl")
                .POST(HttpRequest.BodyPublishers.ofString("{\"custom_id\": \"a\", \"prompt\": \"Alice's batch.\","
                        + " \"max_new_tokens\": 4}\n{\"custom_id\": \"b\", \"prompt\": \"Alice's second line.\"}"))
                .build()).body().path("batch_id").asText();

        assertLikeAMissingId("DELETE /batches/{id}", batchId, bob::cancelBatch);
        assertLikeAMissingId("GET /batches/{id}", batchId, bob::batch);
        assertLikeAMissingId("GET /batches/{id}/results", batchId, id -> bob.batchResults(id, 100, null));

        JsonNode batch = Waiting.endedBatch(alice, batchId);
        assertThat(batch.path("status").asText()).as("alice's batch %s", batch).isEqualTo("completed");
        assertThat(batch.at("/request_counts/succeeded").asInt()).isEqualTo(2);
        assertThat(batch.at("/request_counts/cancelled").asInt()).isZero();
    }

    @Test
    void keepsIdempotencyKeysApartBetweenOwners() {
        Optional<String> key = Optional.of("shared-" + UUID.randomUUID());
        Response alices = alice.submit("The same request from two owners.", 4, null, key);

        Response bobs = bob.submit("The same request from two owners.", 4, null, key);

        assertThat(alices.status()).isEqualTo(202);
        assertThat(bobs.status()).as("bob's answer %s", bobs.body()).isEqualTo(202);
        assertThat(bobs.body().path("job_id").asText()).isNotEqualTo(alices.body().path("job_id").asText());
        assertThat(bob.submit("Another request.", 4, null, key).status()).as("bob's own key").isEqualTo(409);
        assertThat(alice.submit("The same request from two owners.", 4, null, key).body().path("job_id").asText())
                .isEqualTo(alices.body().path("job_id").asText());
    }

    /**
     * Checks that bob's request on alice's {@code id} is answered as the same request on an id that exists nowhere:
     * 404, the same code, the same message but for the id, the same details.
     */
    private void assertLikeAMissingId(String routeKey, String id, Function<String, Response> request) {
        String missing = UUID.randomUUID().toString();
        Response onAlices = request.apply(id);
        Response onMissing = request.apply(missing);

        contract.assertConforms(routeKey, onAlices);
        assertThat(onAlices.status()).as("%s on alice's %s: %s", routeKey, id, onAlices.body()).isEqualTo(404);
        assertThat(onMissing.status()).isEqualTo(404);
        assertThat(onAlices.body().toString().replace(id, "ID"))
                .isEqualTo(onMissing.body().toString().replace(missing, "ID"));
    }
}
