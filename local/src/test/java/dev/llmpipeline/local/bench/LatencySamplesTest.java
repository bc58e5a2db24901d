package dev.llmpipeline.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesOfRecordedMilliseconds() {
        LatencySamples samples = new LatencySamples();
        for (int millis = 1; millis <= 100; millis++) {
            samples.record(millis);
        }
        assertThat(samples.count()).isEqualTo(100);
        assertThat(samples.p50()).isEqualTo(50);
        assertThat(samples.p99()).isEqualTo(99);
        assertThat(samples.percentile(100)).isEqualTo(100);
    }

    @Test
    void nothingRecordedReadsAsZero() {
        LatencySamples samples = new LatencySamples();
        assertThat(samples.p50()).isZero();
        assertThat(samples.cumulative()).isEmpty();
    }

    @Test
    void negativeDurationsCountAsZero() {
        LatencySamples samples = new LatencySamples();
        samples.record(-3);
        assertThat(samples.p50()).isZero();
    }

    @Test
    void cumulativeDistributionEndsAtOne() {
        LatencySamples samples = new LatencySamples();
        List.of(10L, 10L, 20L, 40L).forEach(samples::record);
        List<double[]> points = samples.cumulative();
        assertThat(points).hasSize(3);
        assertThat(points.get(0)[0]).isEqualTo(10);
        assertThat(points.get(0)[1]).isCloseTo(0.5, within(1e-9));
        assertThat(points.get(2)[0]).isEqualTo(40);
        assertThat(points.get(2)[1]).isCloseTo(1.0, within(1e-9));
    }
}
