package dev.llmpipeline.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.json.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRepresentationTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00.600Z");
    private static final Instant COMPLETED = Instant.parse("2026-01-01T00:00:01.250Z");

    @Test
    void writesTheJobObjectWithTheDocumentedSnakeCaseKeys() throws Exception {
        JsonNode json = Json.parse(Json.write(JobRepresentation.of(succeededJob())));

        // The DESIGN job object, plus metadata echoed back as the client sent it.
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("job_id", "status", "custom_id", "batch_id",
                "created_at", "started_at", "completed_at", "request", "output", "error", "timings", "metadata",
                "trace_id");
        assertThat(fieldNames(json.get("request"))).containsExactly("max_new_tokens");
        assertThat(fieldNames(json.get("output"))).containsExactlyInAnyOrder("text", "generated_tokens",
                "finish_reason");
        assertThat(fieldNames(json.get("timings"))).containsExactlyInAnyOrder("queue_ms", "model_ms", "total_ms",
                "attempts", "model_batch_size");
    }

    @Test
    void writesTheValuesOfASucceededJob() throws Exception {
        JsonNode json = Json.parse(Json.write(JobRepresentation.of(succeededJob())));

        assertThat(json.get("job_id").asText()).isEqualTo("6f1c2a9e-0b9c-4f0e-9d3b-7f6d1c2a9e01");
        assertThat(json.get("status").asText()).isEqualTo("succeeded");
        assertThat(json.get("custom_id").asText()).isEqualTo("row-17");
        assertThat(json.get("batch_id").asText()).isEqualTo("batch-1");
        assertThat(json.get("created_at").asText()).isEqualTo("2026-01-01T00:00:00.123Z");
        assertThat(json.get("started_at").asText()).isEqualTo("2026-01-01T00:00:00.600Z");
        assertThat(json.get("completed_at").asText()).isEqualTo("2026-01-01T00:00:01.250Z");
        assertThat(json.at("/request/max_new_tokens").asInt()).isEqualTo(64);
        assertThat(json.at("/output/text").asText()).isEqualTo("Guten Morgen");
        assertThat(json.at("/output/generated_tokens").asInt()).isEqualTo(4);
        assertThat(json.at("/output/finish_reason").asText()).isEqualTo("stop");
        assertThat(json.at("/timings/queue_ms").asLong()).isEqualTo(470);
        assertThat(json.at("/timings/model_ms").asLong()).isEqualTo(600);
        assertThat(json.at("/timings/total_ms").asLong()).isEqualTo(1_127);
        assertThat(json.at("/timings/attempts").asInt()).isEqualTo(1);
        assertThat(json.at("/timings/model_batch_size").asInt()).isEqualTo(8);
        assertThat(json.at("/metadata/team").asText()).isEqualTo("search");
        assertThat(json.get("trace_id").asText()).isEqualTo("1-67a0c0de-0123456789abcdef01234567");
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void writesTheErrorOfAFailedJob() throws Exception {
        Job failed = new Job("job-1", "alice", JobStatus.FAILED, "prompt", new GenerationParams(128), null, null,
                Map.of(), CREATED, STARTED, COMPLETED, null,
                new JobError(JobErrorCode.MODEL_ERROR, "input too long for the model"),
                new Timings(0, 0, 1_127, 5, 1), null);

        JsonNode json = Json.parse(Json.write(JobRepresentation.of(failed)));

        assertThat(fieldNames(json.get("error"))).containsExactlyInAnyOrder("code", "message");
        assertThat(json.at("/error/code").asText()).isEqualTo("model_error");
        assertThat(json.at("/error/message").asText()).isEqualTo("input too long for the model");
        assertThat(json.get("output").isNull()).isTrue();
    }

    @Test
    void writesEveryKeyOfAQueuedJobWithNullsForWhatIsNotKnownYet() throws Exception {
        Job queued = Job.queued("job-2", "alice", "prompt", new GenerationParams(128), null, null, null, CREATED,
                null);

        JsonNode json = Json.parse(Json.write(JobRepresentation.of(queued)));

        assertThat(json.get("status").asText()).isEqualTo("queued");
        assertThat(json.at("/request/max_new_tokens").asInt()).isEqualTo(128);
        for (String absent : new String[] {"custom_id", "batch_id", "started_at", "completed_at", "output", "error",
                "timings", "trace_id"}) {
            assertThat(json.has(absent)).as(absent).isTrue();
            assertThat(json.get(absent).isNull()).as(absent).isTrue();
        }
    }

    @Test
    void neverEchoesThePrompt() {
        String written = Json.write(JobRepresentation.of(succeededJob()));

        assertThat(written).doesNotContain("Translate to German");
    }

    private static Job succeededJob() {
        return new Job("6f1c2a9e-0b9c-4f0e-9d3b-7f6d1c2a9e01", "alice", JobStatus.SUCCEEDED,
                "Translate to German: good morning", new GenerationParams(64), "row-17", "batch-1",
                Map.of("team", "search"), CREATED, STARTED, COMPLETED,
                new Generation("Guten Morgen", 4, FinishReason.STOP), null, new Timings(470, 600, 1_127, 1, 8),
                "1-67a0c0de-0123456789abcdef01234567");
    }

    private static Iterable<String> fieldNames(JsonNode node) {
        return node::fieldNames;
    }
}
