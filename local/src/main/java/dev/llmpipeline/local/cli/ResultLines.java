package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmpipeline.core.json.Json;

/**
 * One line of a results file per finished job: {@code custom_id}, {@code job_id}, {@code status}, and the job's
 * {@code output} (text, generated_tokens, finish_reason) or its {@code error} (code, message). Timings, the request
 * and the other fields of the job object stay out: a results file is read by programs that match answers to prompts.
 */
final class ResultLines {

    private ResultLines() {
    }

    /** The result line of a job object, as compact JSON without a line break. */
    static String of(JsonNode job) {
        ObjectNode line = Json.mapper().createObjectNode();
        copy(job, line, "custom_id", "job_id", "status");
        if (job.path("output").isObject()) {
            copy(job.get("output"), line.putObject("output"), "text", "generated_tokens", "finish_reason");
        }
        if (job.path("error").isObject()) {
            copy(job.get("error"), line.putObject("error"), "code", "message");
        }
        return Json.write(line);
    }

    /** Copies the fields in this order; one the job lacks is written as null, so every line has the same keys. */
    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            to.set(field, from.path(field).isMissingNode() ? to.nullNode() : from.get(field));
        }
    }
}
