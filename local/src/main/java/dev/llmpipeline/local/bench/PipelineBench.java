package dev.llmpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Measures this pipeline through its HTTP API: jobs one at a time at light load, and a backlog at saturation. */
final class PipelineBench {
    private static final Duration POLL = Duration.ofMillis(250);

    private final PipelineClient client;
    private final BenchPlan plan;
    private final PrintStream progress;

    PipelineBench(PipelineClient client, BenchPlan plan, PrintStream progress) {
        this.client = client;
        this.plan = plan;
        this.progress = progress;
    }

    /** The light-load figures, on a stack with the latency profile: one job in flight at a time. */
    record LightLoad(LatencySamples endToEnd, LatencySamples model, LatencySamples queue, LatencySamples overhead,
                     LatencySamples client) {}

    LightLoad lightLoad() {
        // Warm the path (our JVM's JIT, the local servers' JITs, connection pools) with short jobs: one token each.
        for (int i = 0; i < plan.warmupJobs(); i++) {
            runOne(-1 - i, 1);
        }
        var figures = new LightLoad(new LatencySamples(), new LatencySamples(), new LatencySamples(),
                new LatencySamples(), new LatencySamples());
        for (int i = 0; i < plan.latencyJobs(); i++) {
            long start = System.nanoTime();
            JsonNode job = runOne(i, plan.maxNewTokens());
            figures.client().record((System.nanoTime() - start) / 1_000_000);
            JsonNode timings = job.path("timings");
            long total = timings.path("total_ms").asLong();
            long model = timings.path("model_ms").asLong();
            figures.endToEnd().record(total);
            figures.model().record(model);
            figures.queue().record(timings.path("queue_ms").asLong());
            figures.overhead().record(total - model);
            if ((i + 1) % 25 == 0) {
                progress.printf("  pipeline, light load: %d/%d jobs%n", i + 1, plan.latencyJobs());
            }
        }
        return figures;
    }

    /** Submits one job and long-polls it to its end; fails unless it succeeded. */
    private JsonNode runOne(int index, int maxNewTokens) {
        var submitted = client.submit(BenchPlan.prompt(index), maxNewTokens, null, Optional.empty());
        if (submitted.status() != 202) {
            throw new IllegalStateException("submit answered " + submitted.status() + ": " + submitted.body());
        }
        String jobId = submitted.body().path("job_id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = client.job(jobId, 20).body();
            switch (job.path("status").asText()) {
                case "succeeded":
                    return job;
                case "failed", "cancelled":
                    throw new IllegalStateException("bench job " + jobId + " ended " + job);
                default:
                    break;
            }
        }
        throw new IllegalStateException("bench job " + jobId + " did not end in 120 s");
    }

    /** The saturation figures, on a stack with the throughput profile: a backlog the worker drains. */
    record Saturation(double jobsPerSecond, LatencySamples endToEnd, int jobs) {}

    Saturation saturation() throws InterruptedException {
        awaitBatch(submitBatch(2 * plan.microBatchSize(), "warmup"));
        String batchId = submitBatch(plan.saturationJobs(), "sat");
        List<JsonNode> results = awaitBatch(batchId);
        Instant firstStart = Instant.MAX;
        Instant lastEnd = Instant.MIN;
        LatencySamples endToEnd = new LatencySamples();
        for (JsonNode job : results) {
            if (!job.path("status").asText().equals("succeeded")) {
                throw new IllegalStateException("a saturation job did not succeed: " + job);
            }
            Instant started = Instant.parse(job.path("started_at").asText());
            Instant completed = Instant.parse(job.path("completed_at").asText());
            firstStart = started.isBefore(firstStart) ? started : firstStart;
            lastEnd = completed.isAfter(lastEnd) ? completed : lastEnd;
            endToEnd.record(job.path("timings").path("total_ms").asLong());
        }
        // From the first claim to the last completion: the span the endpoint was kept busy.
        double seconds = Duration.between(firstStart, lastEnd).toMillis() / 1000.0;
        return new Saturation(results.size() / seconds, endToEnd, results.size());
    }

    private String submitBatch(int jobs, String prefix) {
        List<Map<String, Object>> requests = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("custom_id", prefix + "-" + i);
            request.put("prompt", BenchPlan.prompt(i));
            request.put("max_new_tokens", plan.maxNewTokens());
            requests.add(request);
        }
        var response = client.send(client.request("/batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("requests", requests)))).build());
        if (response.status() != 202) {
            throw new IllegalStateException("POST /batches answered " + response.status() + ": " + response.body());
        }
        return response.body().path("batch_id").asText();
    }

    /** Waits for a batch to complete, then reads every result. */
    private List<JsonNode> awaitBatch(String batchId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (!client.batch(batchId).body().path("status").asText().equals("completed")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("batch " + batchId + " did not complete in 10 minutes");
            }
            Thread.sleep(POLL.toMillis());
        }
        // The last results are held back until the index has settled: an empty page with a cursor means "ask again".
        Map<String, JsonNode> results = new LinkedHashMap<>();
        String cursor = null;
        do {
            JsonNode page = client.batchResults(batchId, 1000, cursor).body();
            page.path("results").forEach(job -> results.put(job.path("job_id").asText(), job));
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
            if (cursor != null && page.path("results").isEmpty()) {
                Thread.sleep(POLL.toMillis());
            }
        } while (cursor != null && Instant.now().isBefore(deadline));
        return new ArrayList<>(results.values());
    }
}
