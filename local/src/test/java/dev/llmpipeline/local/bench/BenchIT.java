package dev.llmpipeline.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness on the real local stack, made small and fast (time scale 0.2): every phase runs, every key of
 * the design brief is written, and the figures are consistent with one another. The figures themselves are the
 * harness's business at time scale 1, not this test's.
 */
class BenchIT {
    private static final double TIME_SCALE = 0.2;

    @Test
    void runsEveryPhaseAndWritesBenchJsonAndThePlot(@TempDir Path out) throws Exception {
        BenchPlan plan = new BenchPlan(true, TIME_SCALE, 32, 32, 5, 10, 5, 64, 8, 4, 1, 100,
                new BenchPlan.Upload(300, 150, 1, 1));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        BenchResult result = new Bench(home(), plan, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        BenchOutput.write(result, out);

        JsonNode json = Json.parse(Files.readString(out.resolve(BenchOutput.JSON)));
        for (String key : BenchResultTest.DESIGN_KEYS) {
            JsonNode node = json;
            for (String part : key.split("\\.")) {
                node = node.path(part);
            }
            assertThat(node.isMissingNode() || node.isNull()).as(key).isFalse();
        }
        assertThat(json.path("time_scale").asDouble()).isEqualTo(TIME_SCALE);
        assertThat(json.path("micro_batch_size").asInt()).isEqualTo(32);
        assertThat(json.path("jobs").asInt()).isEqualTo(10 + 64);
        assertThat(json.path("git_commit").asText()).isNotBlank();
        // Batching: 32 prompts a call beat one a call by far on the same emulator, within its physical limit.
        double pipeline = json.path("pipeline").path("jobs_per_s").asDouble();
        double baseline = json.path("baseline").path("jobs_per_s").asDouble();
        assertThat(pipeline).isGreaterThan(3 * baseline);
        assertThat(json.path("pipeline").path("efficiency").asDouble()).isBetween(0.1, 1.1);
        assertThat(json.path("baseline").path("efficiency").asDouble()).isBetween(0.1, 1.1);
        assertThat(json.path("batching_gain").asDouble()).isCloseTo(pipeline / baseline,
                Offset.offset(0.05 * pipeline / baseline));
        // Per job at light load: model time plus overhead is the end-to-end time, and the model took most of it.
        JsonNode ours = json.path("pipeline");
        assertThat(ours.path("model_p50_ms").asLong()).isPositive();
        assertThat(ours.path("e2e_p50_ms").asLong()).isGreaterThanOrEqualTo(ours.path("model_p50_ms").asLong());
        for (String function : new String[] {"submit", "worker", "result"}) {
            assertThat(json.path("cold_start_ms").path(function).asLong()).as(function).isBetween(50L, 60_000L);
        }
        assertThat(json.path("upload_10k_s").asDouble()).isPositive();
        // One worker environment took the 100 jobs of the chaos load and reported what it needed.
        JsonNode memory = json.path("worker_memory_mb");
        assertThat(memory.path("jobs").asInt()).isEqualTo(100);
        assertThat(memory.path("invocations").asInt()).isGreaterThanOrEqualTo(100 / 16);
        assertThat(memory.path("heap_peak").asLong()).isBetween(1L, 512L);
        assertThat(memory.path("rss_peak").asLong()).isGreaterThan(memory.path("heap_live_after_gc").asLong());
        assertThat(ImageIO.read(out.resolve(BenchOutput.PLOT).toFile())).isNotNull();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("latency profile", "throughput profile",
                "upload");
    }

    private static Path home() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
