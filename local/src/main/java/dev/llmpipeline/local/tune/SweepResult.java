package dev.llmpipeline.local.tune;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a memory sweep found: each size's figures at the function's price, the memory it had before, and the memory
 * it was left with (the original, or the recommended size when the plan applied it).
 */
public record SweepResult(SweepPlan plan, LambdaPrice price, int originalMemoryMb, int finalMemoryMb,
                          List<SettingResult> settings) {

    public SweepResult {
        settings = List.copyOf(settings);
    }

    /**
     * The cheapest size whose warm P50 duration is within the budget (any, without one); none when no size
     * qualifies. A size where any invocation failed never qualifies: it is not safe to run at.
     */
    public Optional<SettingResult> recommended() {
        return cheapestWithinBudget(settings, price, plan.latencyBudgetMs());
    }

    /** Prints the table and what to make of it. */
    public void print(PrintWriter out) {
        SweepTable.print(this, out);
    }

    static Optional<SettingResult> cheapestWithinBudget(List<SettingResult> settings, LambdaPrice price,
                                                        OptionalDouble budgetMs) {
        // Equal costs: the faster size, which is the larger one.
        return settings.stream()
                .filter(SettingResult::usable)
                .filter(setting -> budgetMs.isEmpty() || setting.warmP50Ms().getAsDouble() <= budgetMs.getAsDouble())
                .min(Comparator.<SettingResult>comparingDouble(setting -> setting.usdPerMillion(price).getAsDouble())
                        .thenComparing(SettingResult::memoryMb, Comparator.reverseOrder()));
    }
}
