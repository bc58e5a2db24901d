package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.testing.StandardStreamsCapture;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.e2e.LocalStackExtension;
import dev.llmpipeline.local.e2e.Owner;
import dev.llmpipeline.local.stack.LocalStack;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the functions log while prompts go through them, on every path a prompt takes (accepted, replayed, refused,
 * conflicting, cancelled, batched, generated), holds no prompt text. The logs are the stack's standard streams, as a
 * Lambda function's are its own; a duplicate delivery that the worker logs by job id proves the capture sees them.
 */
@ExtendWith(LocalStackExtension.class)
class PromptsStayOutOfLogsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LocalStack stack;
    private final PipelineClient alice;

    PromptsStayOutOfLogsIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.stack = stack;
        this.alice = alice;
    }

    @Test
    void logsNoPromptTextOnAnyPathAPromptTakes() {
        String secret = "secret-" + UUID.randomUUID();
        String prompt = "Explain " + secret + " in one sentence.";
        Optional<String> key = Optional.of("logs-" + UUID.randomUUID());

        String captured;
        String jobId;
        try (StandardStreamsCapture logs = StandardStreamsCapture.start()) {
            Response accepted = alice.submit(prompt, 4, "logs-1", key);
            jobId = accepted.body().path("job_id").asText();
            assertThat(accepted.status()).as("submit %s", accepted.body()).isEqualTo(202);
            assertThat(alice.submit(prompt, 4, "logs-1", key).status()).as("replay").isEqualTo(200);
            assertThat(alice.submit(prompt + " Again.", 4, "logs-1", key).status()).as("conflict").isEqualTo(409);
            assertThat(post("/jobs", "{\"prompt\": \"" + prompt + "\", \"max_tokens\": 4}").status()).isEqualTo(400);
            assertThat(post("/jobs", "{\"prompt\": \"" + prompt + "\"").status()).isEqualTo(400);
            String cancelled = alice.submit(prompt + " Cancel.", 64, null, Optional.empty()).body().path("job_id")
                    .asText();
            assertThat(alice.cancel(cancelled).status()).isIn(200, 409);
            String batchId = alice.send(alice.request("/batches").header("Content-Type", "application/jsonl")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"custom_id\": \"a\", \"prompt\": \"" + prompt
                            + "\", \"max_new_tokens\": 4}\n{\"custom_id\": \"b\", \"prompt\": \"" + secret + "\"}"))
                    .build()).body().path("batch_id").asText();

            Waiting.terminalJob(alice, jobId);
            Waiting.terminalJob(alice, cancelled);
            Waiting.endedBatch(alice, batchId);
            // The worker logs a duplicate delivery of a finished job by its id: proof that the capture sees its logs.
            stack.sqs().sendMessage(request -> request.queueUrl(stack.queueUrl("JobsQueue"))
                    .messageBody(SqsJobQueue.messageBody(jobId)));
            Instant deadline = Instant.now().plus(DEADLINE);
            while (!logs.text().contains(jobId) && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            captured = logs.text();
        }

        assertThat(captured).as("the worker's log of the duplicate delivery").contains(jobId);
        assertThat(captured).as("the stack's logs").doesNotContain(secret);
        // The functions log JSON lines as on Lambda, each line about the job under its job_id key.
        List<JsonNode> jobLines = captured.lines().filter(line -> line.startsWith("{") && line.contains(jobId))
                .map(PromptsStayOutOfLogsIT::json).toList();
        assertThat(jobLines).as("the functions' lines about job %s", jobId).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> {
                    assertThat(line.path("job_id").asText()).isEqualTo(jobId);
                    assertThat(line.path("function_request_id").asText()).isNotBlank();
                    assertThat(line.path("cold_start").isBoolean()).isTrue();
                });
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private Response post(String path, String body) {
        return alice.send(alice.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
