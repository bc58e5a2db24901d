package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.JobsApi.assertError;
import static dev.llmpipeline.local.e2e.JobsApi.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancelling while the endpoint is busy: a job still queued is cancelled for good and never reaches the model;
 * one a worker has claimed is refused with 409 and finishes normally.
 */
@ExtendWith(LocalStackExtension.class)
class CancelIT {
    private static final int BURST = 96;
    private static final int CANCELLED_AT_THE_END = 10;
    // Every prompt of the burst has its own length, which no other test uses, to find it among the endpoint's calls.
    private static final int LENGTH_BASE = 300;
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(60);

    private final StackProbe probe;
    private final PipelineClient alice;

    CancelIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.probe = new StackProbe(stack);
        this.alice = alice;
    }

    @Test
    void cancelsQueuedJobsOfABurstForGoodAndLetsStartedOnesFinish() {
        Instant start = Instant.now();
        // Submitted several at a time, far faster than one endpoint instance can decode 200 tokens for each, so the
        // last ones are still deep in the queue when their cancels arrive.
        List<String> prompts = IntStream.range(0, BURST)
                .mapToObj(index -> JobsApi.promptOfLength("cancel burst " + index, LENGTH_BASE + index)).toList();
        List<String> jobIds = JobsApi.submitAll(alice, prompts, 200).stream().map(JobsApi::acceptedJobId).toList();

        Map<Integer, Response> cancels = new LinkedHashMap<>();
        for (int index = BURST - 1; index >= BURST - CANCELLED_AT_THE_END; index--) {
            cancels.put(index, alice.cancel(jobIds.get(index)));
        }
        // The first job has almost surely been claimed by now; whichever way its cancel goes, the rules hold.
        cancels.put(0, alice.cancel(jobIds.get(0)));

        List<Integer> cancelled = new ArrayList<>();
        cancels.forEach((index, response) -> {
            if (response.status() == 200) {
                assertThat(response.body().path("job_id").asText()).isEqualTo(jobIds.get(index));
                assertThat(response.body().path("status").asText()).isEqualTo("cancelled");
                assertThat(response.body().path("completed_at").isTextual()).isTrue();
                cancelled.add(index);
            } else {
                assertThat(assertError(response, 409, "conflict").path("message").asText()).contains("queued");
            }
        });
        assertThat(cancelled).as("jobs cancelled while still queued").isNotEmpty();

        for (int index = 0; index < BURST; index++) {
            if (!cancelled.contains(index)) {
                JsonNode job = awaitTerminal(alice, jobIds.get(index), JOB_DEADLINE);
                assertThat(job.path("status").asText()).as("job %d: %s", index, job).isEqualTo("succeeded");
            }
        }
        // Once the queue is empty every message was delivered, those of the cancelled jobs included.
        probe.awaitJobsQueueEmpty(Duration.ofSeconds(30));
        List<Integer> lengthsAtTheEndpoint = probe.promptLengthsSince(start);
        for (int index : cancelled) {
            JsonNode job = alice.job(jobIds.get(index), 0).body();
            assertThat(job.path("status").asText()).as("job %d: %s", index, job).isEqualTo("cancelled");
            assertThat(job.path("output").isNull()).isTrue();
            assertThat(job.path("started_at").isNull()).as("a cancelled job never started").isTrue();
            assertThat(lengthsAtTheEndpoint).as("prompts at the endpoint").doesNotContain(LENGTH_BASE + index);
            assertError(alice.cancel(jobIds.get(index)), 409, "conflict");
        }
    }
}
