package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.JobsApi.acceptedJobId;
import static dev.llmpipeline.local.e2e.JobsApi.assertError;
import static dev.llmpipeline.local.e2e.JobsApi.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad batch is rejected whole, naming its bad lines, and leaves no trace: nothing stored, nothing enqueued, nothing
 * sent to the endpoint. The good lines of the rejected files carry prompts of lengths no other test uses; a good job
 * submitted last is the barrier that proves the pipeline ran meanwhile.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchValidationIT {
    private static final int LENGTH_BASE = 6_200;
    private static final int BARRIER_LENGTH = 6_199;
    private static final int MAX_BYTES = 5 * 1024 * 1024;

    private final PipelineClient alice;
    private final StackProbe probe;
    private int itemsBefore;
    private Instant start;

    BatchValidationIT(LocalStack stack, @Owner("alice") PipelineClient alice) {
        this.alice = alice;
        this.probe = new StackProbe(stack);
    }

    @BeforeAll
    void recordTheStateBeforeTheBadUploads() {
        itemsBefore = probe.jobsTableItemCount();
        start = Instant.now();
    }

    @Test
    @Order(1)
    void rejectsAFileWithThreeBadLinesNamingExactlyThoseLines() {
        List<String> lines = new ArrayList<>(goodLines(0, 10));
        lines.set(1, "{\"prompt\": \"" + prompt(1) + "\"}");
        lines.set(4, "{\"custom_id\": \"bad-5\", \"prompt\": \"" + prompt(4) + "\"");
        lines.set(8, BatchesApi.line("bad-9", prompt(8), 0));

        JsonNode error = assertError(BatchesApi.upload(alice, lines), 400, "validation_error");

        JsonNode details = error.path("details");
        assertThat(details.findValuesAsText("line")).containsExactly("2", "5", "9");
        assertThat(details.get(0).path("message").asText()).startsWith("custom_id");
        assertThat(details.get(1).path("message").asText()).contains("malformed JSON");
        assertThat(details.get(2).path("message").asText()).startsWith("max_new_tokens");
        assertThat(error.path("message").asText()).startsWith("3 invalid line");
    }

    @Test
    @Order(1)
    void reportsBytesThatAreNotUtf8WithTheirLine() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        goodLines(10, 3).forEach(line -> body.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes("{\"custom_id\": \"latin-1\", \"prompt\": \"caf".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xE9}); // 'é' in ISO-8859-1: not UTF-8
        body.writeBytes("\"}\r\n".getBytes(StandardCharsets.UTF_8));
        goodLines(13, 2).forEach(line -> body.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8)));

        JsonNode error = assertError(BatchesApi.upload(alice, BatchesApi.JSONL, body.toByteArray()), 400,
                "validation_error");

        assertThat(error.path("details")).hasSize(1);
        assertThat(error.path("details").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(error.path("details").get(0).path("message").asText()).contains("UTF-8");
    }

    @Test
    @Order(1)
    void refusesAnUploadOverFiveMebibytes() {
        StringBuilder body = new StringBuilder();
        int index = 0;
        while (body.length() <= MAX_BYTES) {
            body.append(BatchesApi.line("big-" + index++, JobsApi.promptOfLength("a large batch", 7_000), 8))
                    .append('\n');
        }

        assertError(BatchesApi.upload(alice, BatchesApi.JSONL, body.toString().getBytes(StandardCharsets.UTF_8)),
                413, "payload_too_large");
    }

    @Test
    @Order(1)
    void refusesAnUploadOfAnotherContentType() {
        byte[] body = String.join("\n", goodLines(15, 2)).getBytes(StandardCharsets.UTF_8);

        JsonNode error = assertError(BatchesApi.upload(alice, "text/plain", body), 415, "unsupported_media_type");

        assertThat(error.path("message").asText()).contains("Content-Type");
    }

    @Test
    @Order(2)
    void storesEnqueuesAndGeneratesNothingForTheRejectedUploads() {
        String barrier = JobsApi.promptOfLength("the batch validation barrier", BARRIER_LENGTH);

        String jobId = acceptedJobId(alice.submit(barrier, 8, null, Optional.empty()));
        JsonNode job = awaitTerminal(alice, jobId, Duration.ofSeconds(60));

        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(probe.jobsTableItemCount()).as("jobs table items: before, plus the barrier")
                .isEqualTo(itemsBefore + 1);
        List<Integer> rejectedLengths = IntStream.range(0, 17).map(index -> LENGTH_BASE + index).boxed().toList();
        assertThat(probe.promptLengthsSince(start)).contains(BARRIER_LENGTH)
                .doesNotContainAnyElementsOf(rejectedLengths);
    }

    /** {@code count} good lines whose prompts have the lengths {@code LENGTH_BASE + first ...}. */
    private static List<String> goodLines(int first, int count) {
        return IntStream.range(first, first + count)
                .mapToObj(index -> BatchesApi.line("good-" + index, prompt(index), 8)).toList();
    }

    private static String prompt(int index) {
        return JobsApi.promptOfLength("batch validation " + index, LENGTH_BASE + index);
    }
}
