package dev.llmpipeline.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchResultTest {
    /** The keys the design brief fixes for bench.json, as paths. */
    static final List<String> DESIGN_KEYS = List.of("baseline.jobs_per_s", "pipeline.jobs_per_s",
            "pipeline.capacity_jobs_per_s", "pipeline.efficiency", "batching_gain", "pipeline.e2e_p50_ms",
            "pipeline.e2e_p99_ms", "pipeline.overhead_p50_ms", "pipeline.overhead_p99_ms", "pipeline.model_p50_ms",
            "pipeline.queue_p50_ms", "cold_start_ms.submit", "cold_start_ms.worker", "cold_start_ms.result",
            "upload_10k_s", "micro_batch_size", "time_scale", "jobs", "git_commit");

    @Test
    void jsonHoldsEveryKeyOfTheDesignWithTheMeasuredValues() {
        JsonNode json = result(List.of(4.2, 3.9, 6.0), 700).toJson();

        for (String key : DESIGN_KEYS) {
            assertThat(at(json, key).isMissingNode()).as(key).isFalse();
        }
        assertThat(at(json, "pipeline.jobs_per_s").asDouble()).isEqualTo(30.0);
        assertThat(at(json, "baseline.jobs_per_s").asDouble()).isEqualTo(1.25);
        assertThat(at(json, "batching_gain").asDouble()).isEqualTo(24.0);
        assertThat(at(json, "pipeline.efficiency").asDouble()).isEqualTo(0.857);
        assertThat(at(json, "pipeline.overhead_p50_ms").asLong()).isEqualTo(20);
        assertThat(at(json, "upload_10k_s").asDouble()).as("the median of the timed uploads").isEqualTo(4.2);
        assertThat(json.path("upload_runs_s")).hasSize(3);
        assertThat(at(json, "cold_start_ms.worker").asLong()).isEqualTo(700);
        assertThat(at(json, "git_commit").asText()).isEqualTo("abc123");
        assertThat(at(json, "worker_memory_mb.rss_peak").asLong()).isEqualTo(300);
        assertThat(at(json, "template_overrides.latency.WorkerBatchSize").asText()).isEqualTo("10");
        assertThat(at(json, "jobs").asInt()).isEqualTo(10 + 64);
    }

    @Test
    void targetsAreJudgedOnTheMeasuredFigures() {
        BenchResult fast = result(List.of(4.0), 650);
        BenchResult slow = result(List.of(5.5), 900);

        assertThat(fast.targets()).filteredOn(target -> !target.met())
                .extracting(BenchResult.Target::name)
                .containsExactly("efficiency (throughput profile)");
        assertThat(slow.targets()).filteredOn(target -> !target.met())
                .extracting(BenchResult.Target::name)
                .contains("cold start ms, worker", "10,000-line upload accepted, s",
                        "worker peak memory MB under chaos load");
        assertThat(slow.toJson().path("targets_met").path("cold start ms, worker").asBoolean()).isFalse();
    }

    @Test
    void tablePutsTheDesignsSideBySide() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        result(List.of(4.0), 650).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);

        assertThat(table).contains("article design", "this pipeline", "jobs/s at saturation", "24.0x",
                "pipeline overhead P50", "NOT MET");
        assertThat(table.lines().filter(line -> line.startsWith("jobs/s at saturation")).findFirst().orElseThrow())
                .contains("1.25").contains("30.00");
    }

    private static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    static BenchResult result(List<Double> uploads, long workerColdStart) {
        long workerMemoryMb = workerColdStart > 700 ? 600 : 300;
        BenchPlan plan = new BenchPlan(false, 1.0, 32, 32, 0, 10, 5, 64, 8, 2, 1, 100,
                new BenchPlan.Upload(10_000, 100, 0, uploads.size()));
        DesignFigures article = new DesignFigures(samples(760), samples(720), new LatencySamples(), samples(40),
                samples(760), 1.25, 1.37, 1, 8);
        DesignFigures pipeline = new DesignFigures(samples(740), samples(720), samples(4), samples(20),
                samples(840), 30.0, 35.0, 32, 64);
        Map<String, Long> coldStarts = new LinkedHashMap<>();
        coldStarts.put("submit", 600L);
        coldStarts.put("worker", workerColdStart);
        coldStarts.put("result", 550L);
        return new BenchResult(plan, article, pipeline, coldStarts, Map.of("submit", 300L), uploads,
                new WorkerMemory.Usage(180, 40, workerMemoryMb, 100, 7, 1),
                Map.of("latency", Map.of("WorkerBatchSize", "10")), "abc123");
    }

    private static LatencySamples samples(long millis) {
        LatencySamples samples = new LatencySamples();
        samples.record(millis);
        return samples;
    }
}
