package dev.llmpipeline.local.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmpipeline.core.json.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, with the settings it ran at.
 *
 * @param coldStartMs     per function, fresh JVM to first response (median of the runs)
 * @param coldInitMs      per function, fresh JVM to the handler built (median of the runs)
 * @param uploadSeconds   acceptance of each timed upload, in the order they ran; the median is the figure
 * @param workerMemory    one worker environment under the chaos load
 * @param profiles        per phase, the template parameters it overrode (none: the template's own values)
 * @param gitCommit       the commit measured
 */
public record BenchResult(BenchPlan plan, DesignFigures article, DesignFigures pipeline, Map<String, Long> coldStartMs,
                          Map<String, Long> coldInitMs, List<Double> uploadSeconds,
                          WorkerMemory.Usage workerMemory, Map<String, Map<String, String>> profiles,
                          String gitCommit) {

    public BenchResult {
        coldStartMs = Collections.unmodifiableMap(new LinkedHashMap<>(coldStartMs));
        coldInitMs = Collections.unmodifiableMap(new LinkedHashMap<>(coldInitMs));
        uploadSeconds = List.copyOf(uploadSeconds);
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    }

    /** The median acceptance time of the timed uploads. */
    double uploadMedianSeconds() {
        List<Double> sorted = uploadSeconds.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    /** A target of the harness and whether this run met it. */
    record Target(String name, double value, String comparison, double limit) {
        boolean met() {
            return comparison.equals("<=") ? value <= limit : value >= limit;
        }
    }

    /** Light-load overhead, lower is better; stated at time scale 1 and a 2-core machine. */
    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("efficiency (throughput profile)", pipeline.efficiency(), ">=", 0.90));
        targets.add(new Target("batching gain (throughput profile)", batchingGain(), ">=", 15));
        targets.add(new Target("overhead P50 ms (latency profile)", pipeline.overhead().p50(), "<=", 25));
        targets.add(new Target("overhead P99 ms (latency profile)", pipeline.overhead().p99(), "<=", 100));
        coldStartMs.forEach((function, millis) ->
                targets.add(new Target("cold start ms, " + function, millis, "<=", 700)));
        targets.add(new Target("worker peak memory MB under chaos load", workerMemory.rssPeakMb(), "<=",
                Bench.WORKER_MEMORY_MB));
        targets.add(new Target(String.format("%,d-line upload accepted, s", plan.upload().lines()),
                uploadMedianSeconds(), "<=", 5));
        return targets;
    }

    double batchingGain() {
        return article.jobsPerSecond() == 0 ? 0 : pipeline.jobsPerSecond() / article.jobsPerSecond();
    }

    /** {@code bench.json}: the keys of the design brief, then the details behind them. */
    ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode baseline = root.putObject("baseline");
        design(baseline, article);
        ObjectNode ours = root.putObject("pipeline");
        design(ours, pipeline);
        ours.put("queue_p50_ms", pipeline.queue().p50());
        ours.put("client_p50_ms", pipeline.client().p50());
        ours.put("client_p99_ms", pipeline.client().p99());
        root.put("batching_gain", round(batchingGain(), 2));
        ObjectNode cold = root.putObject("cold_start_ms");
        coldStartMs.forEach(cold::put);
        ObjectNode init = root.putObject("cold_start_init_ms");
        coldInitMs.forEach(init::put);
        root.put("upload_10k_s", round(uploadMedianSeconds(), 3));
        uploadSeconds.forEach(seconds -> root.withArray("upload_runs_s").add(round(seconds, 3)));
        root.put("upload_lines", plan.upload().lines());
        root.put("micro_batch_size", plan.microBatchSize());
        root.put("time_scale", plan.timeScale());
        root.put("jobs", plan.latencyJobs() + pipeline.saturationJobs());
        root.put("git_commit", gitCommit);
        root.put("quick", plan.quick());
        root.put("max_new_tokens", plan.maxNewTokens());
        root.put("prompt_chars", BenchPlan.prompt(0).length());
        ObjectNode memory = root.putObject("worker_memory_mb");
        memory.put("rss_peak", workerMemory.rssPeakMb());
        memory.put("heap_peak", workerMemory.heapPeakMb());
        memory.put("heap_live_after_gc", workerMemory.heapLiveMb());
        memory.put("function_memory", Bench.WORKER_MEMORY_MB);
        memory.put("jobs", workerMemory.jobs());
        memory.put("invocations", workerMemory.invocations());
        ObjectNode overrides = root.putObject("template_overrides");
        profiles.forEach((phase, parameters) -> {
            ObjectNode node = overrides.putObject(phase);
            parameters.forEach(node::put);
        });
        ObjectNode runs = root.putObject("runs");
        runs.put("warmup_jobs", plan.warmupJobs());
        runs.put("pipeline_light_load_jobs", plan.latencyJobs());
        runs.put("pipeline_saturation_jobs", pipeline.saturationJobs());
        runs.put("baseline_light_load_requests", plan.articleLatencyJobs());
        runs.put("baseline_saturation_requests", article.saturationJobs());
        runs.put("baseline_clients", plan.articleClients());
        runs.put("cold_start_runs", plan.coldStartRuns());
        ObjectNode met = root.putObject("targets_met");
        targets().forEach(target -> met.put(target.name(), target.met()));
        return root;
    }

    private static void design(ObjectNode node, DesignFigures figures) {
        node.put("jobs_per_s", round(figures.jobsPerSecond(), 3));
        node.put("capacity_jobs_per_s", round(figures.capacity(), 3));
        node.put("efficiency", round(figures.efficiency(), 3));
        node.put("prompts_per_call", figures.promptsPerCall());
        node.put("e2e_p50_ms", figures.endToEnd().p50());
        node.put("e2e_p99_ms", figures.endToEnd().p99());
        node.put("overhead_p50_ms", figures.overhead().p50());
        node.put("overhead_p99_ms", figures.overhead().p99());
        node.put("model_p50_ms", figures.model().p50());
    }

    private static double round(double value, int decimals) {
        double factor = Math.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }

    /** The article-shaped table: one row a figure, the two designs side by side; then the targets. */
    public void print(PrintStream out) {
        String row = "%-44s %16s %16s%n";
        out.printf(row, "", "article design", "this pipeline");
        out.printf(row, "prompts per endpoint call", "1", Integer.toString(pipeline.promptsPerCall()));
        coldStartMs.forEach((function, millis) -> out.printf(row, "cold start, " + function + " (ms, fresh JVM)",
                "-", millis));
        out.printf(row, "warm end-to-end P50 (ms)", article.endToEnd().p50(), pipeline.endToEnd().p50());
        out.printf(row, "warm end-to-end P99 (ms)", article.endToEnd().p99(), pipeline.endToEnd().p99());
        out.printf(row, "model time P50 (ms)", article.model().p50(), pipeline.model().p50());
        out.printf(row, "queue wait P50 (ms)", "-", pipeline.queue().p50());
        out.printf(row, "pipeline overhead P50 (ms, light load)", article.overhead().p50(), pipeline.overhead().p50());
        out.printf(row, "pipeline overhead P99 (ms, light load)", article.overhead().p99(), pipeline.overhead().p99());
        out.printf(row, "client-observed P50 / P99 (ms)", article.client().p50() + " / " + article.client().p99(),
                pipeline.client().p50() + " / " + pipeline.client().p99());
        out.printf(row, "jobs/s at saturation", String.format("%.2f", article.jobsPerSecond()),
                String.format("%.2f", pipeline.jobsPerSecond()));
        out.printf(row, "endpoint capacity at that batch (jobs/s)", String.format("%.2f", article.capacity()),
                String.format("%.2f", pipeline.capacity()));
        out.printf(row, "efficiency (measured / capacity)", String.format("%.2f", article.efficiency()),
                String.format("%.2f", pipeline.efficiency()));
        out.printf(row, "batching gain", "1.0x", String.format("%.1fx", batchingGain()));
        out.printf(row, String.format("%,d-line upload accepted (s)", plan.upload().lines()), "-",
                String.format("%.2f", uploadMedianSeconds()));
        out.printf(row, "worker peak memory, chaos load (MB of 512)", "-", workerMemory.rssPeakMb());
        out.println();
        out.printf("time scale %s, max_new_tokens %d, prompts of %d characters, commit %s%n", plan.timeScale(),
                plan.maxNewTokens(), BenchPlan.prompt(0).length(), gitCommit);
        out.println();
        out.println("targets:");
        for (Target target : targets()) {
            out.printf("  %-44s %10.2f %s %-8s %s%n", target.name(), target.value(), target.comparison(),
                    stripZeros(target.limit()), target.met() ? "met" : "NOT MET");
        }
    }

    private static String stripZeros(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
