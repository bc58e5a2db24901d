package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadErrorsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void printsEachBadLineWithItsNumber() throws Exception {
        var body = Json.parse("""
                {"error": {"code": "validation_error", "message": "2 lines of the batch are invalid",
                 "details": [{"line": 2, "message": "custom_id: must be 1..64 characters"},
                             {"line": 7, "message": "prompt: is missing"}]}}""");

        UploadErrors.print(400, body, err);

        assertThat(printed()).isEqualTo("""
                upload refused (HTTP 400, validation_error): 2 lines of the batch are invalid
                line 2: custom_id: must be 1..64 characters
                line 7: prompt: is missing
                """);
    }

    @Test
    void saysWhenOnlyTheFirstHundredBadLinesAreListed() throws Exception {
        var body = Json.mapper().createObjectNode();
        var details = body.putObject("error").put("code", "validation_error").put("message", "invalid")
                .putArray("details");
        for (int line = 1; line <= UploadErrors.LISTED_LINES; line++) {
            details.addObject().put("line", line).put("message", "prompt: is missing");
        }

        UploadErrors.print(400, body, err);

        assertThat(printed().lines()).hasSize(UploadErrors.LISTED_LINES + 2)
                .last().asString().contains("first 100 bad lines");
    }

    @Test
    void printsAnErrorWithoutDetails() throws Exception {
        var body = Json.parse("""
                {"error": {"code": "payload_too_large", "message": "a batch holds at most 10,000 lines"}}""");

        UploadErrors.print(413, body, err);

        assertThat(printed())
                .isEqualTo("upload refused (HTTP 413, payload_too_large): a batch holds at most 10,000 lines\n");
    }

    @Test
    void printsABodyThatIsNotTheErrorShape() {
        UploadErrors.print(502, Json.mapper().getNodeFactory().textNode("Bad Gateway"), err);

        assertThat(printed()).isEqualTo("upload refused (HTTP 502): Bad Gateway\n");
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
