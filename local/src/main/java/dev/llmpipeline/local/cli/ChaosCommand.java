package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.chaos.ChaosReport;
import dev.llmpipeline.local.chaos.ChaosRun;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.endpoint.EmulatorSettings;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipeline chaos}: the pipeline under endpoint faults, poison prompts and crashing workers. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Run jobs through a local stack whose endpoint fails, throttles and refuses poison prompts, and "
                + "whose worker invocations crash; print the figures; exit 0 only if every guarantee held.")
final class ChaosCommand implements Callable<Integer> {
    static final String POISON_MARKER = "__POISON__";

    @Option(names = "--jobs", defaultValue = "1000", description = "jobs to submit (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--fail-rate", defaultValue = "0.10", description = "endpoint calls answered 5xx")
    double failRate;

    @Option(names = "--throttle-rate", defaultValue = "0.05", description = "endpoint calls throttled")
    double throttleRate;

    @Option(names = "--poison-every", defaultValue = "100", description = "every n-th job is poison (default 1%)")
    int poisonEvery;

    @Option(names = "--crash-rate", defaultValue = "0.05", description = "worker invocations that crash mid-batch")
    double crashRate;

    @Option(names = "--time-scale", defaultValue = "0.02", description = "time scale of the stack (default ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--max-new-tokens", defaultValue = "32", description = "bound per job (default ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--deadline", defaultValue = "600", description = "seconds the jobs may take (default ${DEFAULT-VALUE})")
    int deadlineSeconds;

    @Override
    public Integer call() throws InterruptedException {
        LocalStackSettings settings = LocalStackSettings.defaults(StackOptions.home())
                .withApiPort(0)
                .withTimeScale(timeScale)
                .withCrashRate(crashRate)
                .withEndpoint(EmulatorSettings.defaults().withFailRate(failRate).withThrottleRate(throttleRate)
                        .withPoisonMarker(POISON_MARKER))
                .withOwnersByToken(Map.of("chaos-token", "chaos"));
        try (FunctionOutput functions = FunctionOutput.toFile(FunctionOutput.defaultFile(StackOptions.home(), "chaos"));
             LocalStack stack = LocalStack.start(settings)) {
            PrintStream out = functions.console();
            out.println("the functions' JSON logs and EMF metrics: " + functions.path());
            out.printf("chaos: %d jobs, every %d-th poison; endpoint %.0f%% 5xx, %.0f%% throttled; %.0f%% of worker"
                    + " invocations crash; time scale %s%n", jobs, poisonEvery, failRate * 100, throttleRate * 100,
                    crashRate * 100, timeScale);
            ChaosReport report = new ChaosRun(stack, new PipelineClient(stack.apiUrl(), "chaos-token"), POISON_MARKER)
                    .run(jobs, poisonEvery, maxNewTokens, Duration.ofSeconds(deadlineSeconds), out);
            report.print(out);
            return report.passed() ? 0 : 1;
        }
    }
}
