package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** Prints why an upload was refused: the message, then each bad line of the file as {@code line N: message}. */
final class UploadErrors {
    /** The API lists at most this many bad lines. */
    static final int LISTED_LINES = 100;

    private UploadErrors() {
    }

    /**
     * Prints the error body of a refused {@code POST /batches}.
     *
     * @param status the HTTP status
     * @param body   the {@code {"error": {"code", "message", "details"}}} body, or whatever the server sent
     */
    static void print(int status, JsonNode body, PrintStream err) {
        JsonNode error = body.path("error");
        String message = error.path("message").asText(body.isTextual() ? body.asText() : body.toString());
        err.printf("upload refused (HTTP %d%s): %s%n", status,
                error.path("code").isTextual() ? ", " + error.path("code").asText() : "", message);
        JsonNode details = error.path("details");
        int listed = 0;
        for (JsonNode detail : details) {
            if (detail.path("line").canConvertToLong()) {
                err.printf("line %d: %s%n", detail.path("line").asLong(), detail.path("message").asText());
                listed++;
            } else {
                err.println(detail.path("message").asText(detail.toString()));
            }
        }
        if (listed >= LISTED_LINES) {
            err.printf("(the server lists the first %d bad lines; there may be more)%n", LISTED_LINES);
        }
    }
}
