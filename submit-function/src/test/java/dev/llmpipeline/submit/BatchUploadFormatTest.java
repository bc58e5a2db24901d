package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.BatchEvents.JSONL;
import static dev.llmpipeline.submit.BatchEvents.line;
import static dev.llmpipeline.submit.BatchEvents.postBatch;
import static dev.llmpipeline.submit.BatchEvents.postBatchBytes;
import static dev.llmpipeline.submit.BatchEvents.utf8;
import static dev.llmpipeline.submit.SubmitFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.Job;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes a batch upload may take: JSONL as real files are written, and the JSON form. */
class BatchUploadFormatTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final BatchSubmitFixture fixture = new BatchSubmitFixture();

    @AfterEach
    void stopWriters() {
        fixture.close();
    }

    @Test
    void acceptsJsonLinesWithAByteOrderMarkCrLfBlankLinesAndATrailingNewline() {
        byte[] body = concat(BOM, utf8(line("row-1", "Translate: good morning") + "\r\n"
                + "\r\n"
                + line("row-3", "Translate: good night") + "\r\n"
                + "   \t\r\n"
                + line("row-5", "Translate: thank you") + "\r\n"));

        APIGatewayV2HTTPResponse response = fixture.handle(postBatchBytes(JSONL, body));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(json(response).at("/request_counts/total").asInt()).isEqualTo(3);
        assertThat(fixture.store.jobs()).extracting(Job::customId, Job::prompt).containsExactlyInAnyOrder(
                tuple("row-1", "Translate: good morning"),
                tuple("row-3", "Translate: good night"),
                tuple("row-5", "Translate: thank you"));
    }

    @Test
    void countsPhysicalLinesInErrorsBlankLinesIncludedAndTheByteOrderMarkNot() {
        byte[] body = concat(BOM, utf8(line("row-1", "fine") + "\r\n"
                + "\r\n"
                + line("row-3", "fine") + "\r\n"
                + "\n"
                + "  \r\n"
                + "{\"custom_id\": \"row-6\"}\r\n"
                + line("row-7", "fine")));

        APIGatewayV2HTTPResponse response = fixture.handle(postBatchBytes(JSONL, body));

        JsonNode details = json(response).at("/error/details");
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(details).hasSize(1);
        assertThat(details.get(0).get("line").asInt()).isEqualTo(6);
        assertThat(details.get(0).get("message").asText()).startsWith("prompt").contains("required");
    }

    @Test
    void reportsABadFirstLineBehindAByteOrderMarkAsLineOne() {
        byte[] body = concat(BOM, utf8("{\"custom_id\": \"row-1\", \"prompt\": \"a\", \"top_k\": 5}\n"
                + line("row-2", "fine") + "\n"));

        JsonNode details = json(fixture.handle(postBatchBytes(JSONL, body))).at("/error/details");

        assertThat(details).hasSize(1);
        assertThat(details.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(details.get(0).get("message").asText()).contains("top_k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonl", "application/x-ndjson", "application/x-ndjson; charset=utf-8",
            "Application/JSONL"})
    void acceptsEveryJsonLinesMediaType(String contentType) {
        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(contentType, BatchEvents.validLines(2)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(fixture.store.jobs()).hasSize(2);
    }

    @Test
    void acceptsTheJsonFormWithMetadataOnTheBatchAndOnItsRequests() {
        String body = "{\"requests\": [" + line("a", "first")
                + ", {\"custom_id\": \"b\", \"prompt\": \"second\", \"max_new_tokens\": 16,"
                + " \"metadata\": {\"row\": \"2\"}}],"
                + " \"metadata\": {\"project\": \"eval-7\", \"owner_team\": \"search\"}}";

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch("application/json", body));

        JsonNode batch = json(response);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(batch.at("/request_counts/total").asInt()).isEqualTo(2);
        assertThat(batch.at("/metadata/project").asText()).isEqualTo("eval-7");
        assertThat(fixture.store.findBatch(batch.get("batch_id").asText()).orElseThrow().metadata())
                .isEqualTo(Map.of("project", "eval-7", "owner_team", "search"));
        Job second = fixture.store.jobs().stream().filter(job -> job.customId().equals("b")).findFirst()
                .orElseThrow();
        assertThat(second.params().maxNewTokens()).isEqualTo(16);
        assertThat(second.metadata()).isEqualTo(Map.of("row", "2"));
    }

    @Test
    void refusesBytesThatAreNotUtf8InTheJsonFormInsteadOfReplacingThem() {
        byte[] body = concat(utf8("{\"requests\": [{\"custom_id\": \"a\", \"prompt\": \"caf"),
                concat(new byte[] {(byte) 0xE9}, utf8("\"}]}")));

        APIGatewayV2HTTPResponse response = fixture.handle(postBatchBytes("application/json", body));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("UTF-8");
        assertThat(fixture.store.jobs()).as("no prompt with a replacement character was stored").isEmpty();
    }

    @Test
    void acceptsTheJsonFormBehindAByteOrderMark() {
        byte[] body = concat(BOM, utf8("{\"requests\": [" + line("a", "first") + "]}"));

        APIGatewayV2HTTPResponse response = fixture.handle(postBatchBytes("application/json", body));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    }

    @Test
    void refusesAnUnknownTopLevelFieldOfTheJsonForm() {
        String body = "{\"requests\": [" + line("a", "first") + "], \"priority\": \"high\"}";

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch("application/json", body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).startsWith("priority").contains("unknown");
        assertThat(fixture.store.jobs()).isEmpty();
    }

    @Test
    void refusesMetadataOfTheJsonFormThatIsNotAnObjectOfStrings() {
        String body = "{\"requests\": [" + line("a", "first") + "], \"metadata\": {\"n\": 1}}";

        APIGatewayV2HTTPResponse response = fixture.handle(postBatch("application/json", body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).startsWith("metadata.n");
        assertThat(fixture.batches.createdBatchIds()).isEmpty();
    }

    @Test
    void numbersTheBadRequestsOfTheJsonFormFromOne() {
        String body = "{\"requests\": [" + line("a", "first") + ", {\"custom_id\": \"b\"}]}";

        JsonNode details = json(fixture.handle(postBatch("application/json", body))).at("/error/details");

        assertThat(details).hasSize(1);
        assertThat(details.get(0).get("line").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/octet-stream", "multipart/form-data; boundary=x"})
    @NullAndEmptySource
    void refusesAnyOtherContentTypeWith415(String contentType) {
        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(contentType, BatchEvents.validLines(2)));

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("unsupported_media_type");
        assertThat(json(response).at("/error/message").asText()).startsWith("Content-Type");
        assertThat(fixture.store.jobs()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\n\n  \r\n\t\n", "\r\n"})
    void refusesAnUploadWithoutRequests(String body) {
        APIGatewayV2HTTPResponse response = fixture.handle(postBatch(JSONL, body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("validation_error");
        assertThat(json(response).at("/error/message").asText()).contains("no requests");
        assertThat(fixture.batches.createdBatchIds()).isEmpty();
    }

    @Test
    void refusesAJsonFormWithoutRequests() {
        APIGatewayV2HTTPResponse response = fixture.handle(postBatch("application/json", "{\"requests\": []}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fixture.batches.createdBatchIds()).isEmpty();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
