package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.endpoint.RecordedCall;
import java.io.PrintStream;
import java.util.List;

/** Prints the demo's outputs and a timing table. */
final class DemoReport {

    private DemoReport() {
    }

    static void print(List<JsonNode> jobs, List<RecordedCall> calls, PrintStream out) {
        out.println();
        for (JsonNode job : jobs) {
            out.printf("[%s] %s%n", job.path("custom_id").asText(), job.path("status").asText());
            if (job.path("output").isObject()) {
                out.printf("  %s%n  (%d tokens, %s)%n", job.path("output").path("text").asText(),
                        job.path("output").path("generated_tokens").asInt(),
                        job.path("output").path("finish_reason").asText());
            } else if (job.path("error").isObject()) {
                out.printf("  error %s: %s%n", job.path("error").path("code").asText(),
                        job.path("error").path("message").asText());
            }
        }
        out.println();
        out.printf("%-10s %-36s %-10s %9s %9s %9s %6s %8s%n", "custom_id", "job_id", "status", "queue_ms",
                "model_ms", "total_ms", "batch", "attempts");
        for (JsonNode job : jobs) {
            JsonNode timings = job.path("timings");
            out.printf("%-10s %-36s %-10s %9s %9s %9s %6s %8s%n", job.path("custom_id").asText(),
                    job.path("job_id").asText(), job.path("status").asText(), timings.path("queue_ms").asText("-"),
                    timings.path("model_ms").asText("-"), timings.path("total_ms").asText("-"),
                    timings.path("model_batch_size").asText("-"), timings.path("attempts").asText("-"));
        }
        out.println();
        out.printf("endpoint calls: %d, prompts per call: %s%n", calls.size(), DemoCommand.batchSizes(calls));
    }
}
