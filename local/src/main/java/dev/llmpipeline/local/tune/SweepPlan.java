package dev.llmpipeline.local.tune;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What a memory sweep measures: the function, the memory sizes (ascending, each once), the invocations per size and
 * the event they send, the latency budget on the warm P50 duration if any, and whether to leave the function at the
 * recommended size instead of restoring its memory.
 *
 * @throws IllegalArgumentException when a value is outside what Lambda accepts or the sweep can measure
 */
public record SweepPlan(String function, List<Integer> memorySizesMb, int invocations, String event,
                        OptionalDouble latencyBudgetMs, boolean applyRecommended) {
    // Lambda takes 128 MB to 10,240 MB in 1-MB steps:
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
    static final int MIN_MEMORY_MB = 128;
    static final int MAX_MEMORY_MB = 10_240;
    // The first invocation after a change is a cold start; at least one more is needed for a warm figure.
    static final int MIN_INVOCATIONS = 2;
    static final int MAX_INVOCATIONS = 1000;

    public SweepPlan {
        if (function == null || function.isBlank()) {
            throw new IllegalArgumentException("--function must name a function");
        }
        if (memorySizesMb.isEmpty()) {
            throw new IllegalArgumentException("--memory needs at least one size");
        }
        for (int memory : memorySizesMb) {
            if (memory < MIN_MEMORY_MB || memory > MAX_MEMORY_MB) {
                throw new IllegalArgumentException("--memory sizes must be " + MIN_MEMORY_MB + ".." + MAX_MEMORY_MB
                        + " MB, not " + memory);
            }
        }
        memorySizesMb = memorySizesMb.stream().distinct().sorted().toList();
        if (invocations < MIN_INVOCATIONS || invocations > MAX_INVOCATIONS) {
            throw new IllegalArgumentException("--invocations must be " + MIN_INVOCATIONS + ".." + MAX_INVOCATIONS
                    + " (the first after each change is a cold start), not " + invocations);
        }
        if (latencyBudgetMs.isPresent() && !(latencyBudgetMs.getAsDouble() > 0)) {
            throw new IllegalArgumentException("--latency-budget-ms must be positive, not "
                    + latencyBudgetMs.getAsDouble());
        }
    }
}
