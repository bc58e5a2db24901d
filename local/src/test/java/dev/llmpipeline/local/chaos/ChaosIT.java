package dev.llmpipeline.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.endpoint.EmulatorSettings;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker's guarantees under fire, on the real local stack: 1,000 jobs, 10% endpoint 5xx, 5% throttling,
 * 1% poison prompts, 5% of worker invocations crashing between claiming and storing.
 */
class ChaosIT {
    private static final String POISON = "__POISON__";

    @Test
    void everyJobEndsExactlyOnceUnderEndpointFaultsPoisonAndCrashes() throws InterruptedException {
        LocalStackSettings settings = LocalStackSettings.defaults(Path.of(System.getProperty("pipeline.home")))
                .withApiPort(0)
                .withTimeScale(0.02)
                .withCrashRate(0.05)
                .withEndpoint(EmulatorSettings.defaults().withFailRate(0.10).withThrottleRate(0.05)
                        .withPoisonMarker(POISON))
                .withOwnersByToken(Map.of("chaos-token", "chaos"));

        ChaosReport report;
        try (LocalStack stack = LocalStack.start(settings)) {
            report = new ChaosRun(stack, new PipelineClient(stack.apiUrl(), "chaos-token"), POISON)
                    .run(1_000, 100, 32, Duration.ofMinutes(5), System.out);
        }
        report.print(new PrintStream(System.out, true));

        assertThat(report.jobs()).isEqualTo(1_000);
        assertThat(report.lost()).as("jobs not terminal at the end").isZero();
        assertThat(report.completedMoreThanOnce()).as("jobs completed more than once").isZero();
        assertThat(report.poisonFailedWithModelError()).as("poison jobs failed with model_error").isEqualTo(10);
        assertThat(report.othersSucceeded()).as("other jobs succeeded").isEqualTo(990);
        assertThat(report.otherOutcomes()).isZero();
        assertThat(report.deadLetterDepth()).as("messages left in the dead-letter queue").isZero();
        // The faults really happened: otherwise this run proves nothing.
        assertThat(report.endpointServerErrors()).isPositive();
        assertThat(report.endpointThrottles()).isPositive();
        assertThat(report.endpointModelErrors()).isGreaterThanOrEqualTo(10);
        assertThat(report.crashedInvocations()).isPositive();
    }
}
