package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;

/** Prints API responses for people: pretty JSON on stdout, errors on stderr with a non-zero exit code. */
final class Output {

    private Output() {
    }

    /** Prints a response; returns the exit code (0 for 2xx, 1 otherwise). */
    static int print(PipelineClient.Response response) {
        String text;
        try {
            text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(response.body());
        } catch (JsonProcessingException e) {
            text = response.body().toString();
        }
        if (response.ok()) {
            System.out.println(text);
            return 0;
        }
        System.err.println("HTTP " + response.status());
        System.err.println(text);
        return 1;
    }
}
