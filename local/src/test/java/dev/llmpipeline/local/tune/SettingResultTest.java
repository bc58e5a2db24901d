package dev.llmpipeline.local.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.Architecture;

class SettingResultTest {

    @Test
    void warmFiguresLeaveTheColdStartOut() {
        SettingResult setting = new SettingResult(512, List.of(
                report(900, 950, 150, OptionalDouble.of(480)),
                report(100, 100, 140, OptionalDouble.empty()),
                report(130, 131, 141, OptionalDouble.empty()),
                report(110, 111, 141, OptionalDouble.empty()),
                report(120, 121, 142, OptionalDouble.empty())), List.of());

        assertThat(setting.coldInitMs()).hasValue(480);
        assertThat(setting.warm()).hasSize(4);
        assertThat(setting.warmP50Ms()).hasValue(110);
        assertThat(setting.warmP99Ms()).hasValue(130);
        assertThat(setting.meanWarmBilledMs()).hasValue(115.75);
        assertThat(setting.maxMemoryUsedMb()).hasValue(150);
        assertThat(setting.usable()).isTrue();
    }

    @Test
    void costsAMillionInvocationsAtTheX86AndArmPrices() {
        SettingResult setting = new SettingResult(512, List.of(report(100, 100, 90, OptionalDouble.empty())),
                List.of());

        // 0.5 GB × 0.1 s = 0.05 GB-s an invocation; a million of them plus $0.20 for the requests.
        assertThat(setting.usdPerMillion(LambdaPrice.X86_64).getAsDouble()).isCloseTo(1.033335, within(1e-9));
        assertThat(setting.usdPerMillion(LambdaPrice.ARM64).getAsDouble()).isCloseTo(0.86667, within(1e-9));
        assertThat(LambdaPrice.of(List.of(Architecture.ARM64))).isEqualTo(LambdaPrice.ARM64);
        assertThat(LambdaPrice.of(List.of(Architecture.X86_64))).isEqualTo(LambdaPrice.X86_64);
    }

    @Test
    void aSizeWithAFailureOrWithoutWarmInvocationsCannotBeRecommended() {
        SettingResult failed = new SettingResult(256, List.of(report(50, 50, 90, OptionalDouble.empty())),
                List.of("Unhandled Runtime.OutOfMemory: signal: killed"));
        SettingResult onlyCold = new SettingResult(256, List.of(report(50, 50, 90, OptionalDouble.of(300))),
                List.of());

        assertThat(failed.usable()).isFalse();
        assertThat(onlyCold.usable()).isFalse();
        assertThat(onlyCold.warmP50Ms()).isEmpty();
        assertThat(onlyCold.usdPerMillion(LambdaPrice.X86_64)).isEmpty();
    }

    private static InvocationReport report(double durationMs, double billedMs, int usedMb, OptionalDouble initMs) {
        return new InvocationReport(durationMs, billedMs, 512, usedMb, initMs);
    }
}
