package dev.llmpipeline.local.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The sweep against {@link FakeLambdaApi}, whose function takes {@code 5 + 51200 / memoryMb} ms (plus 0, 0.5 or 1 ms
 * by turns when warm): 256 MB 205.5 ms, 512 MB 105.5 ms, 1024 MB 55.5 ms at the warm P50. Billed, the GB-seconds grow
 * slowly with memory, so the smallest size that meets the budget is the cheapest.
 */
class MemorySweepTest {
    private static final int ORIGINAL_MB = 2048;
    private static final List<Integer> SIZES = List.of(256, 512, 1024);

    private FakeLambdaApi api;
    private LambdaClient lambda;
    private final ManualClock clock = new ManualClock();
    private final StringWriter progress = new StringWriter();

    @BeforeEach
    void startFake() throws IOException {
        api = FakeLambdaApi.start(ORIGINAL_MB, "x86_64");
        lambda = api.client();
    }

    @AfterEach
    void stopFake() {
        lambda.close();
        api.close();
    }

    @Test
    void recommendsTheCheapestSizeWithinTheBudget() {
        SweepResult result = sweep(plan(SIZES, "{}", OptionalDouble.of(150), false));

        assertThat(result.recommended()).map(SettingResult::memoryMb).hasValue(512);
        Map<Integer, SettingResult> bySize = bySize(result);
        assertThat(bySize.get(256).warmP50Ms()).hasValue(205.5);
        assertThat(bySize.get(512).warmP50Ms()).hasValue(105.5);
        assertThat(bySize.get(512).warmP99Ms()).hasValue(106.0);
        assertThat(bySize.get(1024).warmP50Ms()).hasValue(55.5);
        assertThat(bySize.get(512).maxMemoryUsedMb()).hasValue(80 + 512 / 8);
        // 512 MB: billed 105, 106, 106 ms by turns over 9 warm invocations: 0.5 GB × 0.105667 s a call.
        assertThat(bySize.get(512).usdPerMillion(LambdaPrice.X86_64).getAsDouble())
                .isCloseTo(1e6 * 0.5 * (317.0 / 3 / 1000) * 0.0000166667 + 0.20, within(1e-6));
    }

    @Test
    void withoutABudgetRecommendsTheCheapestSizeOverall() {
        SweepResult result = sweep(plan(SIZES, "{}", OptionalDouble.empty(), false));

        assertThat(result.recommended()).map(SettingResult::memoryMb).hasValue(256);
    }

    @Test
    void judgesTheBudgetByTheWarmP50() {
        // 1024 MB: warm P50 55.5 ms, P99 56 ms.
        SweepResult result = sweep(plan(SIZES, "{}", OptionalDouble.of(55.5), false));

        assertThat(result.recommended()).map(SettingResult::memoryMb).hasValue(1024);
    }

    @Test
    void recommendsNothingWhenTheBudgetIsTooTight() {
        SweepResult result = sweep(plan(SIZES, "{}", OptionalDouble.of(50), false));

        assertThat(result.recommended()).isEmpty();
        assertThat(table(result)).contains("recommended: none; no size without failures has a warm P50 within 50.0 ms")
                .doesNotContain("<- cheapest");
    }

    @Test
    void measuresAColdStartAfterEachChangeAndOnlyOnce() {
        SweepResult result = sweep(plan(SIZES, "{}", OptionalDouble.empty(), false));

        Map<Integer, SettingResult> bySize = bySize(result);
        assertThat(bySize.get(256).coldInitMs()).hasValue(700.0);
        assertThat(bySize.get(512).coldInitMs()).hasValue(500.0);
        assertThat(bySize.get(1024).coldInitMs()).hasValue(400.0);
        assertThat(result.settings()).allSatisfy(setting -> {
            assertThat(setting.reports()).hasSize(10);
            assertThat(setting.warm()).hasSize(9);
            assertThat(setting.failures()).isEmpty();
        });
    }

    @Test
    void restoresTheOriginalMemoryAfterwards() {
        SweepResult result = sweep(plan(SIZES, "{}", OptionalDouble.of(150), false));

        assertThat(api.memoryMb()).isEqualTo(ORIGINAL_MB);
        assertThat(api.memoryUpdates()).containsExactly(256, 512, 1024, ORIGINAL_MB);
        assertThat(result.finalMemoryMb()).isEqualTo(ORIGINAL_MB);
        assertThat(table(result)).contains("memory restored to 2048 MB");
    }

    @Test
    void appliesTheRecommendedSizeWhenAsked() {
        SweepResult result = sweep(plan(SIZES, "{}", OptionalDouble.of(150), true));

        assertThat(api.memoryMb()).isEqualTo(512);
        assertThat(api.memoryUpdates()).containsExactly(256, 512, 1024, 512);
        assertThat(table(result)).contains("memory set to 512 MB (--apply; it was 2048 MB)");
    }

    @Test
    void waitsForEachUpdateBeforeInvokingOrUpdatingAgain() {
        sweep(plan(SIZES, "{}", OptionalDouble.empty(), false));

        // Each of the four updates was seen in progress once, and nothing was invoked or updated meanwhile (the
        // fake answers an update during an update with 409, and an early invocation runs with the old memory).
        assertThat(api.inProgressAnswers()).isEqualTo(4);
        assertThat(api.invocationsDuringUpdate()).isZero();
        assertThat(clock.pauses()).hasSize(4).allSatisfy(pause -> assertThat(pause).hasMillis(100));
    }

    @Test
    void reportsOutOfMemoryFailuresAndNeverRecommendsThatSize() {
        SweepResult result = sweep(plan(List.of(128, 256, 512), "{}", OptionalDouble.empty(), false));

        SettingResult smallest = bySize(result).get(128);
        assertThat(smallest.failures()).hasSize(10)
                .allSatisfy(failure -> assertThat(failure).startsWith("Unhandled Runtime.OutOfMemory: RequestId: ")
                        .endsWith("Error: Runtime exited with error: signal: killed"));
        assertThat(smallest.reports()).isEmpty();
        assertThat(smallest.usdPerMillion(LambdaPrice.X86_64)).isEmpty();
        // At 128 MB the work would cost less than at 256 MB, had it not failed.
        assertThat(result.recommended()).map(SettingResult::memoryMb).hasValue(256);
        assertThat(table(result))
                .contains("128 MB: 10 of 10 invocations failed, first: Unhandled Runtime.OutOfMemory");
    }

    @Test
    void reportsAFunctionErrorOfTheSampleEvent() {
        SweepResult result = sweep(plan(SIZES, "{\"prompt\": \"" + FakeFunction.FAIL_MARKER + "\"}",
                OptionalDouble.empty(), false));

        assertThat(result.settings()).allSatisfy(setting -> {
            assertThat(setting.failures()).hasSize(10)
                    .allMatch("Unhandled java.lang.IllegalStateException: sample event refused"::equals);
            assertThat(setting.usable()).isFalse();
        });
        assertThat(result.recommended()).isEmpty();
        assertThat(table(result)).contains("256 MB: 10 of 10 invocations failed, first: Unhandled "
                        + "java.lang.IllegalStateException: sample event refused",
                "recommended: none; every size had failures");
    }

    @Test
    void pricesAnArm64FunctionAtTheArmPrice() throws IOException {
        try (FakeLambdaApi armApi = FakeLambdaApi.start(ORIGINAL_MB, "arm64");
             LambdaClient armLambda = armApi.client()) {
            SweepResult result = new MemorySweep(armLambda, clock.poller(), new PrintWriter(progress))
                    .run(plan(List.of(512), "{}", OptionalDouble.empty(), false));

            assertThat(result.price()).isEqualTo(LambdaPrice.ARM64);
            assertThat(table(result)).contains("(arm64: $0.0000133334 per GB-second, $0.20 per 1M requests)");
        }
    }

    @Test
    void givesUpOnAnUpdateThatNeverFinishes() {
        api.neverFinishUpdates();

        assertThatThrownBy(() -> sweep(plan(SIZES, "{}", OptionalDouble.empty(), false)))
                .isInstanceOf(TuneException.class)
                .hasMessage("the update of " + FakeLambdaApi.FUNCTION + " did not finish within 300 s");
        assertThat(api.memoryUpdates()).containsExactly(256);
    }

    @Test
    void restoresTheMemoryWhenTheSweepFailsHalfWay() {
        api.throttleInvocations();

        assertThatThrownBy(() -> sweep(plan(SIZES, "{}", OptionalDouble.empty(), false)))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(api.memoryUpdates()).containsExactly(256, ORIGINAL_MB);
        assertThat(api.memoryMb()).isEqualTo(ORIGINAL_MB);
    }

    private SweepResult sweep(SweepPlan plan) {
        return new MemorySweep(lambda, clock.poller(), new PrintWriter(progress)).run(plan);
    }

    private static SweepPlan plan(List<Integer> sizes, String event, OptionalDouble budgetMs, boolean apply) {
        return new SweepPlan(FakeLambdaApi.FUNCTION, sizes, 10, event, budgetMs, apply);
    }

    private static Map<Integer, SettingResult> bySize(SweepResult result) {
        return result.settings().stream().collect(Collectors.toMap(SettingResult::memoryMb, Function.identity()));
    }

    private static String table(SweepResult result) {
        StringWriter out = new StringWriter();
        result.print(new PrintWriter(out));
        return out.toString();
    }
}
