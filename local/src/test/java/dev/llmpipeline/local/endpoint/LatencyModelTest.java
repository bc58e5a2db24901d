package dev.llmpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyModelTest {

    private final LatencyModel t4 = LatencyModel.t4Seq2Seq();

    @Test
    void defaultsToTheDesignBriefsT4Numbers() {
        assertThat(t4).isEqualTo(new LatencyModel(15, 8, 0.15, 22, 0.1, 0.05));
    }

    @Test
    void appliesTheFormulaForOnePrompt() {
        // 15 + (8 + 0.15 * 1 * 100) + 20 * (22 + 0.1 * 1) = 38 + 442
        assertThat(t4.expectedMillis(1, 100, 20)).isCloseTo(480.0, within(1e-9));
    }

    @Test
    void appliesTheFormulaForABatch() {
        // 15 + (8 + 0.15 * 8 * 100) + 128 * (22 + 0.1 * 8) = 143 + 2918.4
        assertThat(t4.expectedMillis(8, 100, 128)).isCloseTo(3061.4, within(1e-9));
    }

    @Test
    void costsOnlyOverheadAndPrefillWithoutNewTokens() {
        assertThat(t4.expectedMillis(4, 50, 0)).isCloseTo(15 + 8 + 0.15 * 4 * 50, within(1e-9));
    }

    @Test
    void computesCapacityFromInstancesAndBatch() {
        // 2 instances * 8 jobs per call / 3.0614 s per call
        assertThat(t4.capacityJobsPerSecond(2, 8, 100, 128)).isCloseTo(16 / 3.0614, within(1e-9));
    }

    @Test
    void batchingRaisesCapacity() {
        assertThat(t4.capacityJobsPerSecond(1, 32, 100, 128))
                .isGreaterThan(10 * t4.capacityJobsPerSecond(1, 1, 100, 128));
    }

    @Test
    void countsAboutFourCharactersAToken() {
        assertThat(LatencyModel.tokensOf("")).isEqualTo(1);
        assertThat(LatencyModel.tokensOf("abcd")).isEqualTo(1);
        assertThat(LatencyModel.tokensOf("abcde")).isEqualTo(2);
        assertThat(LatencyModel.tokensOf("x".repeat(400))).isEqualTo(100);
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatThrownBy(() -> t4.expectedMillis(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t4.capacityJobsPerSecond(0, 1, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyModel(-1, 8, 0.15, 22, 0.1, 0.05))
                .hasMessageContaining("fixedMs");
        assertThatThrownBy(() -> new LatencyModel(15, 8, 0.15, 22, 0.1, 1.0)).hasMessageContaining("jitter");
    }
}
