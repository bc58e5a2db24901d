package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import org.junit.jupiter.api.Test;

class ResultLinesTest {

    @Test
    void succeededJobBecomesItsIdsStatusAndOutput() throws Exception {
        JsonNode job = Json.parse("""
                {"job_id": "j-1", "status": "succeeded", "custom_id": "req-1", "batch_id": "b-1",
                 "created_at": "2025-01-01T00:00:00Z", "request": {"max_new_tokens": 32},
                 "output": {"text": "Paris \\u00e9t\\u00e9", "generated_tokens": 3, "finish_reason": "stop"},
                 "error": null, "timings": {"queue_ms": 5, "model_ms": 40, "total_ms": 60}}""");

        String line = ResultLines.of(job);

        assertThat(line).isEqualTo("{\"custom_id\":\"req-1\",\"job_id\":\"j-1\",\"status\":\"succeeded\","
                + "\"output\":{\"text\":\"Paris été\",\"generated_tokens\":3,\"finish_reason\":\"stop\"}}");
    }

    @Test
    void failedJobBecomesItsIdsStatusAndError() throws Exception {
        JsonNode job = Json.parse("""
                {"job_id": "j-2", "status": "failed", "custom_id": "req-2", "output": null,
                 "error": {"code": "model_error", "message": "the model refused this prompt"},
                 "timings": {"attempts": 1}}""");

        String line = ResultLines.of(job);

        assertThat(line).isEqualTo("{\"custom_id\":\"req-2\",\"job_id\":\"j-2\",\"status\":\"failed\","
                + "\"error\":{\"code\":\"model_error\",\"message\":\"the model refused this prompt\"}}");
    }

    @Test
    void cancelledJobHasNeitherOutputNorError() throws Exception {
        JsonNode job = Json.parse("{\"job_id\": \"j-3\", \"status\": \"cancelled\", \"custom_id\": \"req-3\"}");

        assertThat(ResultLines.of(job))
                .isEqualTo("{\"custom_id\":\"req-3\",\"job_id\":\"j-3\",\"status\":\"cancelled\"}");
    }

    @Test
    void lineIsOneLineEvenWhenTheTextHasLineBreaks() throws Exception {
        JsonNode job = Json.parse("""
                {"job_id": "j-4", "status": "succeeded", "custom_id": "req-4",
                 "output": {"text": "one\\ntwo", "generated_tokens": 2, "finish_reason": "length"}}""");

        String line = ResultLines.of(job);

        assertThat(line).doesNotContain("\n");
        assertThat(Json.parse(line).path("output").path("text").asText()).isEqualTo("one\ntwo");
    }
}
