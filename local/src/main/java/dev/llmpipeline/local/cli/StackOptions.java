package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.endpoint.EmulatorSettings;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags that shape a local stack: time scale, endpoint faults, and experiments on the template's settings. */
final class StackOptions {
    @Option(names = "--time-scale", defaultValue = "1.0",
            description = "scale every duration the stack owns (endpoint latency, visibility timeout, lease, "
                    + "worker timeout); default ${DEFAULT-VALUE}")
    double timeScale;

    @Option(names = "--instances", description = "endpoint instances, each serving one call at a time (default 1)")
    Integer instances;

    @Option(names = "--fail-rate", defaultValue = "0", description = "share of endpoint calls answered 5xx")
    double failRate;

    @Option(names = "--throttle-rate", defaultValue = "0", description = "share of endpoint calls throttled")
    double throttleRate;

    @Option(names = "--poison-marker", description = "a prompt containing this text makes the model error")
    String poisonMarker;

    @Option(names = "--crash-rate", defaultValue = "0",
            description = "share of worker invocations that die after claiming and before storing")
    double crashRate;

    @Option(names = "--api-throttling", description = "apply the template's HTTP API throttling limits")
    boolean apiThrottling;

    @Option(names = "--batch-size", description = "override the worker's SQS batch size (template: WorkerBatchSize)")
    Integer batchSize;

    @Option(names = "--batching-window", description = "override the batching window in seconds")
    Integer batchingWindow;

    @Option(names = "--max-concurrency", description = "override the worker's maximum concurrency")
    Integer maxConcurrency;

    @Option(names = "--micro-batch-size", description = "override the prompts per endpoint call")
    Integer microBatchSize;

    LocalStackSettings settings(int apiPort) {
        EmulatorSettings endpoint = EmulatorSettings.defaults()
                .withFailRate(failRate)
                .withThrottleRate(throttleRate)
                .withPoisonMarker(poisonMarker);
        if (instances != null) {
            endpoint = endpoint.withInstances(instances);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        putIfSet(overrides, "WorkerBatchSize", batchSize);
        putIfSet(overrides, "WorkerBatchingWindowSeconds", batchingWindow);
        putIfSet(overrides, "WorkerMaximumConcurrency", maxConcurrency);
        putIfSet(overrides, "MicroBatchSize", microBatchSize);
        return LocalStackSettings.defaults(home())
                .withApiPort(apiPort)
                .withTimeScale(timeScale)
                .withEndpoint(endpoint)
                .withCrashRate(crashRate)
                .withApiThrottling(apiThrottling)
                .withOwnersByToken(LocalStackSettings.tokensFrom(System.getenv("PIPELINE_LOCAL_TOKENS")))
                .withParameterOverrides(overrides);
    }

    private static void putIfSet(Map<String, String> overrides, String parameter, Integer value) {
        if (value != null) {
            overrides.put(parameter, value.toString());
        }
    }

    /** The repository root: {@code -Dpipeline.home}, set by the launcher, or the nearest folder with a template. */
    static Path home() {
        String property = System.getProperty("pipeline.home");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find template.yaml: run from the repository or set -Dpipeline.home");
    }
}
