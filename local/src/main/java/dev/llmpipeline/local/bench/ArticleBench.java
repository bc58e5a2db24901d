package dev.llmpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the article's design: synchronous requests through an HTTP API to {@link ArticleFunction}, one prompt per
 * endpoint call. At light load one request at a time; at saturation several clients in a closed loop, more than the
 * endpoint can serve at once, so that it is never idle.
 */
final class ArticleBench {
    static final String PATH = "/generate";

    private final PipelineClient client;
    private final BenchPlan plan;
    private final PrintStream progress;

    ArticleBench(PipelineClient client, BenchPlan plan, PrintStream progress) {
        this.client = client;
        this.plan = plan;
        this.progress = progress;
    }

    /** End-to-end (round trip), model time and their difference per request, one request at a time. */
    record LightLoad(LatencySamples endToEnd, LatencySamples model, LatencySamples overhead) {}

    LightLoad lightLoad() {
        for (int i = 0; i < Math.max(1, plan.warmupJobs() / 4); i++) {
            generate(-1 - i, 1);
        }
        var figures = new LightLoad(new LatencySamples(), new LatencySamples(), new LatencySamples());
        for (int i = 0; i < plan.articleLatencyJobs(); i++) {
            long start = System.nanoTime();
            long model = generate(i, plan.maxNewTokens());
            long roundTrip = (System.nanoTime() - start) / 1_000_000;
            figures.endToEnd().record(roundTrip);
            figures.model().record(model);
            figures.overhead().record(roundTrip - model);
        }
        progress.printf("  article design, light load: %d requests%n", plan.articleLatencyJobs());
        return figures;
    }

    /** Jobs per second with the endpoint kept busy: requests over the span from the first sent to the last answered. */
    double saturation() throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(plan.articleClients());
        long start = System.nanoTime();
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < plan.articleClients(); c++) {
                loops.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.articleSaturationJobs(); i = next.getAndIncrement()) {
                        generate(i, plan.maxNewTokens());
                    }
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the article design failed at saturation", e.getCause());
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return plan.articleSaturationJobs() / seconds;
    }

    /** One synchronous request; returns the model time the function measured. */
    private long generate(int index, int maxNewTokens) {
        String body = Json.write(Map.of("prompt", BenchPlan.prompt(index), "max_new_tokens", maxNewTokens));
        var response = client.send(client.request(PATH).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        JsonNode answer = response.body();
        if (response.status() != 200) {
            throw new IllegalStateException("the article design answered " + response.status() + ": " + answer);
        }
        return answer.path("model_ms").asLong();
    }
}
