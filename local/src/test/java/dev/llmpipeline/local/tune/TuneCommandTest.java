package dev.llmpipeline.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.cli.PipelineCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pipeline tune} end to end: picocli parses the flags, the command builds its SDK client from the default
 * credentials chain (here the {@code aws.accessKeyId} and {@code aws.secretAccessKey} properties, which the chain
 * reads before the environment) and talks to {@link FakeLambdaApi} through {@code --endpoint-url}.
 */
class TuneCommandTest {
    private static final String ACCESS_KEY = "aws.accessKeyId";
    private static final String SECRET_KEY = "aws.secretAccessKey";

    private FakeLambdaApi api;
    private String accessKeyBefore;
    private String secretKeyBefore;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startFake() throws IOException {
        api = FakeLambdaApi.start(2048, "x86_64");
        accessKeyBefore = System.setProperty(ACCESS_KEY, "local");
        secretKeyBefore = System.setProperty(SECRET_KEY, "local");
    }

    @AfterEach
    void stopFake() {
        restore(ACCESS_KEY, accessKeyBefore);
        restore(SECRET_KEY, secretKeyBefore);
        api.close();
    }

    @Test
    void isACommandOfThePipeline() {
        assertThat(new CommandLine(new PipelineCommand()).getSubcommands()).containsKey("tune");
    }

    @Test
    void printsTheTableAndRecommendsTheCheapestSizeWithinTheBudget() {
        int exitCode = tune("--function", FakeLambdaApi.FUNCTION, "--memory", "1024,256,512", "--invocations", "5",
                "--latency-budget-ms", "150");

        assertThat(exitCode).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(FakeLambdaApi.FUNCTION + " (x86_64: $0.0000166667 per GB-second, $0.20 per"
                + " 1M requests), 5 invocations per size, budget: warm P50 <= 150.0 ms");
        assertThat(lines.get(1).split("\\s+")).containsExactly("memory_mb", "cold_init_ms", "warm_p50_ms",
                "warm_p99_ms", "max_used_mb", "billed_ms", "usd_per_1M", "failed");
        // 4 warm invocations a size, at 256 MB 205, 205.5, 206, 205 ms: P50 205, P99 206, billed 205.5 on average,
        // so 0.25 GB × 0.2055 s × $0.0000166667 × 1M + $0.20 = $1.0563.
        assertThat(lines.get(2).split("\\s+")).containsExactly("", "256", "700.0", "205.0", "206.0", "112", "205.5",
                "1.0563", "0");
        assertThat(lines.get(3).strip()).matches("512 +500\\.0 +105\\.0 +106\\.0 +144 +105\\.5 +1\\.0792 +0"
                + " +<- cheapest within budget");
        assertThat(lines.get(4).strip()).startsWith("1024").doesNotContain("<-");
        assertThat(out.toString()).contains("recommended: 512 MB, $1.0792 per 1M invocations, warm P50 105.0 ms",
                "memory restored to 2048 MB");
        assertThat(api.memoryMb()).isEqualTo(2048);
        assertThat(err.toString()).contains("512 MB: 5 invocations, 1 cold, 0 failed");
    }

    @Test
    void sendsTheSampleEventOfAFileAndExitsNonZeroWhenEverySizeFails(@TempDir Path folder) throws IOException {
        Path event = Files.writeString(folder.resolve("event.json"), "{\"prompt\": \"" + FakeFunction.FAIL_MARKER
                + "\"}");

        int exitCode = tune("--function", FakeLambdaApi.FUNCTION, "--memory", "512", "--invocations", "3",
                "--event", event.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).contains("512 MB: 3 of 3 invocations failed, first: Unhandled "
                        + "java.lang.IllegalStateException: sample event refused",
                "recommended: none; every size had failures");
    }

    @Test
    void setsAndClearsProvisionedConcurrencyOnTheQualifier() {
        int setExit = tune("--function", FakeLambdaApi.FUNCTION, "--qualifier", "live",
                "--provisioned-concurrency", "4");

        assertThat(setExit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("provisioned concurrency of " + FakeLambdaApi.FUNCTION
                + ":live: 4 of 4 environments allocated, READY");
        assertThat(api.provisionedConcurrency("live")).hasValue(4);

        int clearExit = tune("--function", FakeLambdaApi.FUNCTION, "--qualifier", "live",
                "--clear-provisioned-concurrency");

        assertThat(clearExit).as(err.toString()).isZero();
        assertThat(api.provisionedConcurrency("live")).isEmpty();
    }

    @Test
    void refusesProvisionedConcurrencyWithoutAQualifier() {
        int exitCode = tune("--function", FakeLambdaApi.FUNCTION, "--provisioned-concurrency", "4");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("provisioned concurrency needs --qualifier");
        assertThat(api.provisionedConcurrency("live")).isEmpty();
    }

    @Test
    void refusesToMixTheMemorySweepWithProvisionedConcurrency() {
        int exitCode = tune("--function", FakeLambdaApi.FUNCTION, "--qualifier", "live",
                "--provisioned-concurrency", "4", "--memory", "512");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("provisioned concurrency is set or cleared on its own");
        assertThat(api.provisionedConcurrency("live")).isEmpty();
        assertThat(api.memoryUpdates()).isEmpty();
    }

    @Test
    void refusesAMemorySizeLambdaDoesNotOffer() {
        int exitCode = tune("--function", FakeLambdaApi.FUNCTION, "--memory", "64,512");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("--memory sizes must be 128..10240 MB, not 64");
        assertThat(api.memoryUpdates()).isEmpty();
    }

    @Test
    void reportsAnUnknownFunctionAsAnError() {
        int exitCode = tune("--function", "no-such-function");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).startsWith("tune: Function not found");
    }

    private int tune(String... args) {
        CommandLine pipeline = new CommandLine(new PipelineCommand());
        pipeline.setOut(new PrintWriter(out));
        pipeline.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("tune"));
        all.addAll(List.of(args));
        all.addAll(List.of("--region", "us-east-1", "--endpoint-url", api.uri().toString()));
        return pipeline.execute(all.toArray(String[]::new));
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
