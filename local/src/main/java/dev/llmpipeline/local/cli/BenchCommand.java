package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.bench.Bench;
import dev.llmpipeline.local.bench.BenchOutput;
import dev.llmpipeline.local.bench.BenchPlan;
import dev.llmpipeline.local.bench.BenchResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipeline bench}: the article's design and this pipeline side by side on the local stack. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the article's design (one prompt per endpoint call) and this pipeline (batched) on the"
                + " same endpoint emulator: cold starts, warm latency, overhead, throughput at saturation, a 10,000-line"
                + " upload. Prints the table and writes bench.json and bench.png.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "a smaller run, under two minutes")
    boolean quick;

    @Option(names = "--cold-starts-only", paramLabel = "RUNS",
            description = "only measure each function's cold start (fresh JVM to first response) RUNS times and print"
                    + " the medians; writes nothing")
    Integer coldStartsOnly;

    @Option(names = "--output", description = "folder for bench.json and bench.png (default docs/benchmarks)")
    Path output;

    @Option(names = "--time-scale", defaultValue = "1.0",
            description = "scale of the emulator and the stack; the targets hold at 1 (default ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--upload-lines", defaultValue = "10000", description = "lines of the timed upload")
    int uploadLines;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path home = StackOptions.home();
        BenchPlan plan = (quick ? BenchPlan.quickRun() : BenchPlan.fullRun()).withTimeScale(timeScale)
                .withUploadLines(uploadLines);
        try (FunctionOutput functions = FunctionOutput.toFile(FunctionOutput.defaultFile(home, "bench"))) {
            PrintStream out = functions.console();
            out.println("the functions' JSON logs and EMF metrics: " + functions.path());
            if (coldStartsOnly != null) {
                var medians = new Bench(home, plan.withColdStartRuns(coldStartsOnly), out).coldStarts();
                out.println("median cold start, fresh JVM to first response (ms): " + medians);
                return 0;
            }
            BenchResult result = new Bench(home, plan, out).run();
            out.println();
            result.print(out);
            Path folder = output != null ? output : home.resolve("docs/benchmarks");
            BenchOutput.write(result, folder);
            out.println();
            out.println("wrote " + folder.resolve(BenchOutput.JSON) + " and " + folder.resolve(BenchOutput.PLOT));
            return 0;
        }
    }
}
