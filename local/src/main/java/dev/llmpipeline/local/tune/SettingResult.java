package dev.llmpipeline.local.tune;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What the sweep measured at one memory size: the reports of the invocations that succeeded and a description of
 * each that failed. Latency and cost come from warm invocations only (no init phase), the steady state a function
 * under load lives in; the cold start is reported on its own.
 */
public record SettingResult(int memoryMb, List<InvocationReport> reports, List<String> failures) {

    public SettingResult {
        reports = List.copyOf(reports);
        failures = List.copyOf(failures);
    }

    /** Invocations that reused an execution environment. */
    List<InvocationReport> warm() {
        return reports.stream().filter(report -> !report.coldStart()).toList();
    }

    /** The init phase of the first cold start, if the sweep saw one. */
    OptionalDouble coldInitMs() {
        return reports.stream().filter(InvocationReport::coldStart).findFirst()
                .map(InvocationReport::initDurationMs).orElse(OptionalDouble.empty());
    }

    /** The median duration of the warm invocations. */
    OptionalDouble warmP50Ms() {
        return warmPercentile(50);
    }

    /** The 99th percentile of the warm invocations' durations (their maximum below 100 invocations). */
    OptionalDouble warmP99Ms() {
        return warmPercentile(99);
    }

    /** The most memory any invocation used. */
    OptionalInt maxMemoryUsedMb() {
        return reports.stream().mapToInt(InvocationReport::maxMemoryUsedMb).max();
    }

    /** The mean billed duration of the warm invocations: what a million of them would be billed on average. */
    OptionalDouble meanWarmBilledMs() {
        return warm().stream().mapToDouble(InvocationReport::billedDurationMs).average();
    }

    /** US dollars for a million warm invocations at this memory size. */
    OptionalDouble usdPerMillion(LambdaPrice price) {
        OptionalDouble billed = meanWarmBilledMs();
        return billed.isPresent() ? OptionalDouble.of(price.usdPerMillionInvocations(memoryMb, billed.getAsDouble()))
                : OptionalDouble.empty();
    }

    /** Whether this setting may be recommended: nothing failed and there are warm figures to judge it by. */
    boolean usable() {
        return failures.isEmpty() && !warm().isEmpty();
    }

    // Nearest rank: the smallest sample with at least p% of the samples at or below it; no interpolation.
    private OptionalDouble warmPercentile(double percentile) {
        double[] sorted = warm().stream().mapToDouble(InvocationReport::durationMs).sorted().toArray();
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(rank, 1) - 1]);
    }
}
