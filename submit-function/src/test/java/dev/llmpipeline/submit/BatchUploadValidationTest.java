package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.BatchEvents.JSONL;
import static dev.llmpipeline.submit.BatchEvents.line;
import static dev.llmpipeline.submit.BatchEvents.postBatch;
import static dev.llmpipeline.submit.BatchEvents.postBatchBytes;
import static dev.llmpipeline.submit.BatchEvents.utf8;
import static dev.llmpipeline.submit.SubmitFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A batch is validated whole: any bad line rejects the upload, names the line, and nothing is stored or enqueued. */
class BatchUploadValidationTest {
    private static final int MAX_BYTES = 5 * 1024 * 1024;

    private final BatchSubmitFixture fixture = new BatchSubmitFixture();

    @AfterEach
    void stopWriters() {
        fixture.close();
    }

    @Test
    void rejectsAFileWithThreeBadLinesNamingExactlyThoseLinesAndStoresNothing() {
        List<String> lines = new ArrayList<>(List.of(BatchEvents.validLines(10).split("\n")));
        lines.set(1, "{\"custom_id\": \"row-2\", \"max_new_tokens\": 16}");
        lines.set(4, "{\"custom_id\": \"row-5\", \"prompt\": \"unterminated}");
        lines.set(8, "{\"custom_id\": \"row-9\", \"prompt\": \"hi\", \"temperature\": 0.7}");

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, String.join("\n", lines) + "\n"));

        JsonNode error = json(response).get("error");
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error.get("code").asText()).isEqualTo("validation_error");
        assertThat(error.get("message").asText()).startsWith("3 invalid line");
        assertThat(error.get("details").findValuesAsText("line")).containsExactly("2", "5", "9");
        assertThat(error.get("details").get(0).get("message").asText()).startsWith("prompt").contains("required");
        assertThat(error.get("details").get(1).get("message").asText()).contains("malformed JSON");
        assertThat(error.get("details").get(2).get("message").asText()).startsWith("temperature")
                .contains("greedy");
        assertNothingStoredOrEnqueued();
    }

    @Test
    void namesTheEarlierLineOfADuplicateCustomId() {
        String body = line("row-1", "a") + "\n" + line("row-2", "b") + "\n\n" + line("row-1", "c") + "\n";

        JsonNode details = json(fixture.handle(postBatch(JSONL, body))).at("/error/details");

        assertThat(details).hasSize(1);
        assertThat(details.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(details.get(0).get("message").asText()).startsWith("custom_id").contains("row-1")
                .contains("line 1");
        assertNothingStoredOrEnqueued();
    }

    @Test
    void requiresACustomIdOnEveryLine() {
        String body = line("row-1", "a") + "\n" + "{\"prompt\": \"b\"}" + "\n";

        JsonNode details = json(fixture.handle(postBatch(JSONL, body))).at("/error/details");

        assertThat(details).hasSize(1);
        assertThat(details.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(details.get(0).get("message").asText()).isEqualTo("custom_id: is required");
        assertNothingStoredOrEnqueued();
    }

    @Test
    void reportsLinesBeyondTheParsersLimitsAsMalformed() {
        String body = line("row-1", "a") + "\n"
                + "{\"custom_id\": \"row-2\", \"prompt\": \"b\", \"max_new_tokens\": 1.5e99999999999999999999}\n"
                + "{\"custom_id\": \"row-3\", \"prompt\": " + "[".repeat(1_001) + "]".repeat(1_001) + "}\n";

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, body));

        JsonNode details = json(response).at("/error/details");
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(details.findValuesAsText("line")).containsExactly("2", "3");
        assertThat(details.findValuesAsText("message")).allMatch(message -> message.startsWith("malformed JSON"));
        assertNothingStoredOrEnqueued();
    }

    @Test
    void refusesAJsonUploadWithANumberThatNoDecimalHolds() {
        String body = "{\"requests\": [{\"custom_id\": \"a\", \"prompt\": \"b\","
                + " \"max_new_tokens\": 1e-99999999999999999999}]}";

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch("application/json", body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).startsWith("body: malformed JSON");
        assertNothingStoredOrEnqueued();
    }

    @Test
    void reportsBytesThatAreNotUtf8WithTheirLine() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8(line("row-1", "a") + "\n" + line("row-2", "b") + "\n"));
        body.writeBytes(utf8("{\"custom_id\": \"row-3\", \"prompt\": \"caf"));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}); // a lead byte without its continuation
        body.writeBytes(utf8("\"}\n" + line("row-4", "d") + "\n"));

        JsonNode details = json(fixture.handle(postBatchBytes(JSONL, body.toByteArray()))).at("/error/details");

        assertThat(details).hasSize(1);
        assertThat(details.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(details.get(0).get("message").asText()).contains("UTF-8");
        assertNothingStoredOrEnqueued();
    }

    @Test
    void acceptsTenThousandRequests() {
        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, BatchEvents.validLines(10_000)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(fixture.store.jobs()).hasSize(10_000);
    }

    @Test
    void refusesTenThousandAndOneRequestsAsTooLarge() {
        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, BatchEvents.validLines(10_001)));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("payload_too_large");
        assertThat(json(response).at("/error/message").asText()).contains("10000");
        assertNothingStoredOrEnqueued();
    }

    @Test
    void acceptsABodyOfExactlyFiveMebibytes() {
        String body = linesOfTotalBytes(MAX_BYTES);

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, body));

        assertThat(utf8(body)).hasSize(MAX_BYTES);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    }

    @Test
    void refusesABodyOverFiveMebibytesAsTooLarge() {
        String body = linesOfTotalBytes(MAX_BYTES + 1);

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, body));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("payload_too_large");
        assertNothingStoredOrEnqueued();
    }

    @Test
    void listsTheFirstHundredBadLinesAndCountsThemAll() {
        String body = IntStream.rangeClosed(1, 150).mapToObj(index -> "{\"custom_id\": \"row-" + index + "\"}")
                .collect(Collectors.joining("\n"));

        JsonNode error = json(fixture.handle(postBatch(JSONL, body))).get("error");

        assertThat(error.get("details")).hasSize(100);
        assertThat(error.get("details").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(error.get("details").get(99).get("line").asInt()).isEqualTo(100);
        assertThat(error.get("message").asText()).startsWith("150 invalid line");
        assertNothingStoredOrEnqueued();
    }

    private void assertNothingStoredOrEnqueued() {
        assertThat(fixture.store.jobs()).isEmpty();
        assertThat(fixture.batches.createdBatchIds()).isEmpty();
        assertThat(fixture.queue.enqueued()).isEmpty();
    }

    /** Valid lines of long prompts, the last two padded so that the body has exactly {@code total} bytes. */
    private static String linesOfTotalBytes(int total) {
        StringBuilder body = new StringBuilder();
        int index = 0;
        while (true) {
            String next = line("row-" + ++index, "p".repeat(7_500)) + "\n";
            int left = total - body.length();
            if (left < next.length() * 2) {
                // What is left is split over two lines, so that no prompt exceeds the prompt limit.
                int firstShell = (line("row-" + index, "") + "\n").length();
                int secondShell = (line("row-" + (index + 1), "") + "\n").length();
                int firstPrompt = (left - firstShell - secondShell) / 2;
                body.append(line("row-" + index, "p".repeat(firstPrompt))).append('\n');
                body.append(line("row-" + (index + 1), "p".repeat(left - firstShell - secondShell - firstPrompt)))
                        .append('\n');
                return body.toString();
            }
            body.append(next);
        }
    }
}
