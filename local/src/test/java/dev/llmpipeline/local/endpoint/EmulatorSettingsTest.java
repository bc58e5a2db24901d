package dev.llmpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmulatorSettingsTest {

    @Test
    void defaultsToOneFaultlessRealTimeT4() {
        EmulatorSettings settings = EmulatorSettings.defaults();

        assertThat(settings.timeScale()).isEqualTo(1.0);
        assertThat(settings.instances()).isEqualTo(1);
        assertThat(settings.failRate()).isZero();
        assertThat(settings.throttleRate()).isZero();
        assertThat(settings.poisonMarker()).isNull();
        assertThat(settings.slowRate()).isZero();
        assertThat(settings.slowFactor()).isEqualTo(10);
        assertThat(settings.latency()).isEqualTo(LatencyModel.t4Seq2Seq());
    }

    @Test
    void copiesWithOneFieldChanged() {
        EmulatorSettings settings = EmulatorSettings.defaults().withSeed(7).withTimeScale(0.01).withInstances(3)
                .withFailRate(0.1).withThrottleRate(0.2).withPoisonMarker("BAD").withSlowRate(0.3)
                .withSlowFactor(4);

        assertThat(settings).isEqualTo(
                new EmulatorSettings(0.01, 3, 0.1, 0.2, "BAD", 0.3, 4, 7, LatencyModel.t4Seq2Seq()));
    }

    @Test
    void rejectsOutOfRangeValues() {
        EmulatorSettings settings = EmulatorSettings.defaults();

        assertThatThrownBy(() -> settings.withTimeScale(0)).hasMessageContaining("timeScale");
        assertThatThrownBy(() -> settings.withInstances(0)).hasMessageContaining("instances");
        assertThatThrownBy(() -> settings.withFailRate(1.5)).hasMessageContaining("failRate");
        assertThatThrownBy(() -> settings.withThrottleRate(-0.1)).hasMessageContaining("throttleRate");
        assertThatThrownBy(() -> settings.withSlowRate(2)).hasMessageContaining("slowRate");
        assertThatThrownBy(() -> settings.withFailRate(0.6).withThrottleRate(0.6))
                .hasMessageContaining("failRate + throttleRate");
        assertThatThrownBy(() -> settings.withPoisonMarker("")).hasMessageContaining("poisonMarker");
    }
}
