package dev.llmpipeline.local.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import java.util.ArrayList;
import java.util.List;

/** Durations in milliseconds, kept in an HdrHistogram (3 significant digits, up to 10 minutes). Not thread-safe. */
final class LatencySamples {
    private static final long HIGHEST_MS = 600_000;

    private final Histogram histogram = new Histogram(HIGHEST_MS, 3);

    void record(long millis) {
        histogram.recordValue(Math.max(0, Math.min(millis, HIGHEST_MS)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at a percentile (0..100) in milliseconds; 0 when nothing was recorded. */
    long percentile(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    long p50() {
        return percentile(50);
    }

    long p99() {
        return percentile(99);
    }

    /** The cumulative distribution: each distinct recorded value with the share of samples at or below it. */
    List<double[]> cumulative() {
        List<double[]> points = new ArrayList<>();
        long total = count();
        long seen = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            seen += value.getCountAtValueIteratedTo();
            points.add(new double[] {histogram.highestEquivalentValue(value.getValueIteratedTo()),
                    (double) seen / total});
        }
        return points;
    }
}
