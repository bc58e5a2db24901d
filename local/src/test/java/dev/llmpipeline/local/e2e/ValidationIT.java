package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.JobsApi.acceptedJobId;
import static dev.llmpipeline.local.e2e.JobsApi.assertError;
import static dev.llmpipeline.local.e2e.JobsApi.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.stack.LocalStack;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests are refused with the status and message that name the problem, and leave no trace: nothing stored,
 * nothing enqueued, nothing sent to the endpoint. Every bad prompt has a length no other test uses, since the
 * endpoint emulator records prompt lengths; a good job submitted last is the barrier that proves the pipeline ran.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidationIT {
    private static final int PROBE_LENGTH_BASE = 6_100;
    private static final int BARRIER_LENGTH = 6_099;
    private static final int OVERSIZED_PROMPT_CHARS = 300_000;

    /** One bad request and how it must be refused; {@code promptLength} is the length of the prompt it carries. */
    record BadRequest(String name, String method, String path, String contentType, String body,
                      Map<String, String> headers, int status, String code, List<String> messageNames,
                      Integer promptLength) {

        HttpRequest request(PipelineClient client) {
            HttpRequest.Builder builder = client.request(path).method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            headers.forEach(builder::header);
            return builder.build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final PipelineClient alice;
    private final StackProbe probe;
    private int itemsBefore;
    private Instant start;

    ValidationIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.alice = alice;
        this.probe = new StackProbe(stack);
    }

    @BeforeAll
    void recordTheStateBeforeTheBadRequests() {
        itemsBefore = probe.jobsTableItemCount();
        start = Instant.now();
    }

    static List<BadRequest> badRequests() {
        return List.of(
                job("malformed JSON", "{\"prompt\": \"" + probe(1) + "\"", PROBE_LENGTH_BASE + 1,
                        "malformed JSON"),
                job("a JSON array body", "[" + Json.write(Map.of("prompt", probe(2))) + "]", PROBE_LENGTH_BASE + 2,
                        "JSON object"),
                job("a missing prompt", Json.write(Map.of("max_new_tokens", 16)), null, "prompt", "required"),
                job("a number as prompt", "{\"prompt\": 123}", null, "prompt", "string"),
                job("an empty prompt", "{\"prompt\": \"\"}", null, "prompt", "empty"),
                job("a blank prompt", "{\"prompt\": \"   \"}", null, "prompt", "blank"),
                job("a prompt of 8001 characters", body(JobsApi.promptOfLength("too long", 8_001), Map.of()), 8_001,
                        "prompt", "8000"),
                probeJob("max_new_tokens 0", 3, Map.of("max_new_tokens", 0), "max_new_tokens", "512"),
                probeJob("max_new_tokens 10000", 4, Map.of("max_new_tokens", 10_000), "max_new_tokens", "512"),
                probeJob("max_new_tokens as a string", 5, Map.of("max_new_tokens", "12"), "max_new_tokens"),
                probeJob("max_new_tokens 1.5", 6, Map.of("max_new_tokens", 1.5), "max_new_tokens"),
                probeJob("the unknown field max_tokens", 7, Map.of("max_tokens", 64), "max_tokens", "unknown"),
                probeJob("do_sample true", 8, Map.of("do_sample", true), "do_sample", "greedy"),
                probeJob("temperature", 9, Map.of("temperature", 0.7), "temperature", "greedy"),
                probeJob("top_p", 10, Map.of("top_p", 0.9), "top_p", "greedy"),
                probeJob("top_k", 11, Map.of("top_k", 50), "top_k", "greedy"),
                probeJob("num_beams", 12, Map.of("num_beams", 4), "num_beams", "greedy"),
                probeJob("a custom_id of 65 characters", 13, Map.of("custom_id", "c".repeat(65)), "custom_id", "64"),
                probeJob("metadata of 17 entries", 14, Map.of("metadata", seventeenEntries()), "metadata", "16"),
                new BadRequest("Content-Type text/plain", "POST", "/jobs", "text/plain", body(probe(15), Map.of()),
                        Map.of(), 415, "unsupported_media_type", List.of("Content-Type"), PROBE_LENGTH_BASE + 15),
                new BadRequest("a body over 256 KiB", "POST", "/jobs", "application/json",
                        body(JobsApi.promptOfLength("far too long", OVERSIZED_PROMPT_CHARS), Map.of()), Map.of(),
                        413, "payload_too_large", List.of("body"), OVERSIZED_PROMPT_CHARS),
                new BadRequest("an Idempotency-Key of 200 characters", "POST", "/jobs", "application/json",
                        body(probe(16), Map.of()), Map.of("Idempotency-Key", "k".repeat(200)), 400,
                        "validation_error", List.of("Idempotency-Key"), PROBE_LENGTH_BASE + 16),
                new BadRequest("wait=99 on GET", "GET", "/jobs/" + UUID.randomUUID() + "?wait=99", null, null,
                        Map.of(), 400, "validation_error", List.of("wait", "20"), null));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("badRequests")
    @Order(1)
    void refusesABadRequestWithAnErrorThatNamesTheProblem(BadRequest bad) {
        JsonNode error = assertError(alice.send(bad.request(alice)), bad.status(), bad.code());

        assertThat(error.path("message").asText()).as("message for %s", bad.name())
                .contains(bad.messageNames());
    }

    @Test
    @Order(2)
    void storesEnqueuesAndGeneratesNothingForTheRefusedRequests() {
        String barrier = JobsApi.promptOfLength("the validation barrier", BARRIER_LENGTH);

        String jobId = acceptedJobId(alice.submit(barrier, 16, null, Optional.empty()));
        JsonNode job = awaitTerminal(alice, jobId, Duration.ofSeconds(60));

        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(probe.jobsTableItemCount()).as("jobs table items: before, plus the barrier")
                .isEqualTo(itemsBefore + 1);
        List<Integer> badLengths = badRequests().stream().map(BadRequest::promptLength).filter(Objects::nonNull)
                .toList();
        assertThat(probe.promptLengthsSince(start)).contains(BARRIER_LENGTH).doesNotContainAnyElementsOf(badLengths);
        probe.awaitJobsQueueEmpty(Duration.ofSeconds(20));
    }

    private static BadRequest job(String name, String body, Integer promptLength, String... messageNames) {
        return new BadRequest(name, "POST", "/jobs", "application/json", body, Map.of(), 400, "validation_error",
                List.of(messageNames), promptLength);
    }

    /** A job with a distinctive valid prompt and {@code extra} fields that make it bad. */
    private static BadRequest probeJob(String name, int probe, Map<String, Object> extra, String... messageNames) {
        return job(name, body(probe(probe), extra), PROBE_LENGTH_BASE + probe, messageNames);
    }

    private static String probe(int number) {
        return JobsApi.promptOfLength("validation probe " + number, PROBE_LENGTH_BASE + number);
    }

    private static String body(String prompt, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", prompt);
        body.putAll(extra);
        return Json.write(body);
    }

    private static Map<String, String> seventeenEntries() {
        Map<String, String> metadata = new LinkedHashMap<>();
        IntStream.rangeClosed(1, 17).forEach(index -> metadata.put("key" + index, "value" + index));
        return metadata;
    }
}
