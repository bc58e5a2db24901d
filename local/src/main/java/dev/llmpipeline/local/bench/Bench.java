package dev.llmpipeline.local.bench;

import dev.llmpipeline.local.api.ApiRoute;
import dev.llmpipeline.local.api.HttpApiEmulator;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.endpoint.EmulatorSettings;
import dev.llmpipeline.local.endpoint.LatencyModel;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark harness: the article's design and this pipeline, side by side on the same endpoint emulator.
 *
 * <ol>
 *   <li>On a stack with the <em>latency</em> profile (batch size 10, no batching window): cold starts of each function
 *       in a fresh JVM; this pipeline at light load (one job at a time); the article's design at light load and at
 *       saturation.</li>
 *   <li>On a stack with the <em>throughput</em> profile (micro-batch 32, window 1 s): this pipeline at saturation.</li>
 *   <li>On a stack with the template's own settings: the acceptance time of a 10,000-line upload.</li>
 *   <li>On a stack whose endpoint fails, throttles and refuses poison prompts: the memory one worker environment
 *       needs under that load, in a JVM sized like the function.</li>
 * </ol>
 *
 * Each stack is started fresh, so no phase sees another's backlog.
 */
public final class Bench {
    static final String TOKEN = "bench-token";
    static final String LATENCY_BATCH_SIZE = "10";
    private static final String ARTICLE_FUNCTION = "ArticleFunction";
    /** The chaos load runs faster than real time: memory does not depend on how long the model takes. */
    private static final double CHAOS_TIME_SCALE = 0.1;
    static final int WORKER_MEMORY_MB = 512;

    private final Path home;
    private final BenchPlan plan;
    private final PrintStream progress;

    public Bench(Path home, BenchPlan plan, PrintStream progress) {
        this.home = home;
        this.plan = plan;
        this.progress = progress;
    }

    /** Runs every phase; the stacks are stopped when it returns or fails. */
    public BenchResult run() throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("pipeline-bench");
        Map<String, Long> coldStarts = new LinkedHashMap<>();
        Map<String, Long> coldInits = new LinkedHashMap<>();
        PipelineBench.LightLoad pipelineLight;
        ArticleBench.LightLoad articleLight;
        double articleJobsPerSecond;
        LatencyModel latency = EmulatorSettings.defaults().latency();
        int inputTokens = LatencyModel.tokensOf(BenchPlan.prompt(0));

        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        profiles.put("latency", Map.of("WorkerBatchSize", LATENCY_BATCH_SIZE, "WorkerBatchingWindowSeconds", "0"));
        profiles.put("throughput", Map.of("WorkerBatchSize", Integer.toString(plan.microBatchSize()),
                "WorkerBatchingWindowSeconds", "1", "MicroBatchSize", Integer.toString(plan.microBatchSize())));
        profiles.put("upload", Map.of());
        profiles.put("worker_memory", Map.of());

        progress.println("latency profile: batch size " + LATENCY_BATCH_SIZE + ", no batching window");
        try (LocalStack stack = LocalStack.start(settings(profiles.get("latency")))) {
            measureColdStarts(stack, workDir, coldStarts, coldInits);
            PipelineClient client = new PipelineClient(stack.apiUrl(), TOKEN);
            pipelineLight = new PipelineBench(client, plan, progress).lightLoad();
            progress.printf("  pipeline: end-to-end P50 %d ms, overhead P50 %d ms, P99 %d ms%n",
                    pipelineLight.endToEnd().p50(), pipelineLight.overhead().p50(), pipelineLight.overhead().p99());
            try (ArticleFunction function = new ArticleFunction(stack.environment("WorkerFunction"));
                 HttpApiEmulator api = HttpApiEmulator.start(0, List.of(new ApiRoute("POST", ArticleBench.PATH, true,
                         ARTICLE_FUNCTION, 512, function)), Map.of(TOKEN, ColdStartProbe.OWNER), Optional.empty())) {
                ArticleBench article = new ArticleBench(new PipelineClient(api.uri(), TOKEN), plan, progress);
                articleLight = article.lightLoad();
                articleJobsPerSecond = article.saturation();
                progress.printf("  article design: end-to-end P50 %d ms; %.2f jobs/s at saturation%n",
                        articleLight.endToEnd().p50(), articleJobsPerSecond);
            }
        }

        progress.printf("throughput profile: micro-batch %d, batch size %d, batching window 1 s%n",
                plan.microBatchSize(), plan.microBatchSize());
        PipelineBench.Saturation saturation;
        try (LocalStack stack = LocalStack.start(settings(profiles.get("throughput")))) {
            saturation = new PipelineBench(new PipelineClient(stack.apiUrl(), TOKEN), plan, progress).saturation();
            progress.printf("  pipeline: %.2f jobs/s at saturation (%d jobs)%n", saturation.jobsPerSecond(),
                    saturation.jobs());
        }

        progress.printf("upload: %,d lines, template settings%n", plan.upload().lines());
        List<Double> uploadSeconds;
        try (LocalStack stack = LocalStack.start(settings(profiles.get("upload")))) {
            uploadSeconds = new UploadBench(stack, new PipelineClient(stack.apiUrl(), TOKEN), plan, workDir)
                    .acceptanceSeconds();
            progress.printf("  accepted in %s s%n", uploadSeconds.stream().map(s -> String.format("%.2f", s)).toList());
        }

        double chaosScale = Math.max(LocalStackSettings.MIN_TIME_SCALE, plan.timeScale() * CHAOS_TIME_SCALE);
        progress.printf("worker memory: %,d jobs of the chaos load in one environment of %d MB (time scale %s)%n",
                plan.workerLoadJobs(), WORKER_MEMORY_MB, chaosScale);
        WorkerMemory.Usage workerMemory;
        try (LocalStack stack = LocalStack.start(settings(profiles.get("worker_memory")).withTimeScale(chaosScale)
                .withEndpoint(EmulatorSettings.defaults().withFailRate(0.10).withThrottleRate(0.05)
                        .withPoisonMarker(WorkerMemory.POISON_MARKER)))) {
            workerMemory = new WorkerMemory(new FunctionJvm(stack, home, workDir), workDir)
                    .underLoad(plan.workerLoadJobs(), plan.maxNewTokens());
            progress.printf("  peak RSS %d MB, heap peak %d MB, live heap after GC %d MB (%d invocations)%n",
                    workerMemory.rssPeakMb(), workerMemory.heapPeakMb(), workerMemory.heapLiveMb(),
                    workerMemory.invocations());
        }

        int instances = EmulatorSettings.defaults().instances();
        double scale = plan.timeScale();
        DesignFigures article = new DesignFigures(articleLight.endToEnd(), articleLight.model(), new LatencySamples(),
                articleLight.overhead(), articleLight.endToEnd(), articleJobsPerSecond,
                latency.capacityJobsPerSecond(instances, 1, inputTokens, plan.maxNewTokens()) / scale, 1,
                plan.articleSaturationJobs());
        DesignFigures pipeline = new DesignFigures(pipelineLight.endToEnd(), pipelineLight.model(),
                pipelineLight.queue(), pipelineLight.overhead(), pipelineLight.client(), saturation.jobsPerSecond(),
                latency.capacityJobsPerSecond(instances, plan.microBatchSize(), inputTokens, plan.maxNewTokens()) / scale,
                plan.microBatchSize(), saturation.jobs());
        return new BenchResult(plan, article, pipeline, coldStarts, coldInits, uploadSeconds, workerMemory,
                profiles, GitCommit.of(home));
    }

    /**
     * Only the first phase's cold starts, {@link BenchPlan#coldStartRuns()} fresh JVMs per function, on a stack with
     * the latency profile: for measuring a change to init (a library, a JVM option) before and after.
     *
     * @return the median time to first response of each function, in ms
     */
    public Map<String, Long> coldStarts() throws IOException {
        Path workDir = Files.createTempDirectory("pipeline-bench");
        Map<String, Long> firstResponses = new LinkedHashMap<>();
        try (LocalStack stack = LocalStack.start(settings(Map.of("WorkerBatchSize", LATENCY_BATCH_SIZE,
                "WorkerBatchingWindowSeconds", "0")))) {
            measureColdStarts(stack, workDir, firstResponses, new LinkedHashMap<>());
        }
        return firstResponses;
    }

    private void measureColdStarts(LocalStack stack, Path workDir, Map<String, Long> firstResponses,
                                   Map<String, Long> inits) {
        ColdStarts probes = new ColdStarts(new FunctionJvm(stack, home, workDir));
        Map<String, List<ColdStarts.ColdStart>> runs = new LinkedHashMap<>();
        for (int run = 0; run < plan.coldStartRuns(); run++) {
            String jobId = probes.queuedJob();
            add(runs, "submit", probes.submit());
            add(runs, "worker", probes.worker(jobId));
            if (!probes.succeeded(jobId)) {
                throw new IllegalStateException("the worker's cold-start probe did not complete its job " + jobId);
            }
            add(runs, "result", probes.result(jobId));
            int index = run;
            progress.println("  run " + (run + 1) + ": " + runs.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue().get(index).firstResponseMs() + " ms")
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        runs.forEach((function, starts) -> {
            firstResponses.put(function, median(starts.stream().map(ColdStarts.ColdStart::firstResponseMs).toList()));
            inits.put(function, median(starts.stream().map(ColdStarts.ColdStart::initMs).toList()));
        });
        progress.println("  cold starts (fresh JVM to first response, ms): " + firstResponses
                + "; of which JVM start and init: " + inits);
    }

    private static void add(Map<String, List<ColdStarts.ColdStart>> runs, String function, ColdStarts.ColdStart start) {
        runs.computeIfAbsent(function, name -> new ArrayList<>()).add(start);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private LocalStackSettings settings(Map<String, String> overrides) {
        return LocalStackSettings.defaults(home)
                .withApiPort(0)
                .withTimeScale(plan.timeScale())
                .withOwnersByToken(Map.of(TOKEN, ColdStartProbe.OWNER))
                .withParameterOverrides(overrides);
    }
}
