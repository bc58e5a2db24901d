package dev.llmpipeline.local.tune;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Prints a sweep as a table, one row per memory size, with the recommendation marked and explained below. */
final class SweepTable {
    private static final String ROW = "%9s %12s %11s %11s %11s %9s %10s %6s%s%n";

    private SweepTable() {
    }

    static void print(SweepResult result, PrintWriter out) {
        SweepPlan plan = result.plan();
        LambdaPrice price = result.price();
        Optional<SettingResult> recommended = result.recommended();
        out.printf(Locale.ROOT, "%s (%s: $%s per GB-second, $%.2f per 1M requests), %d invocations per size, %s%n",
                plan.function(), price.architecture(), BigDecimal.valueOf(price.usdPerGbSecond()).toPlainString(),
                price.usdPerMillionRequests(), plan.invocations(), plan.latencyBudgetMs().isPresent()
                        ? "budget: warm P50 <= " + number(plan.latencyBudgetMs()) + " ms" : "no latency budget");
        out.printf(Locale.ROOT, ROW, "memory_mb", "cold_init_ms", "warm_p50_ms", "warm_p99_ms", "max_used_mb",
                "billed_ms", "usd_per_1M", "failed", "");
        for (SettingResult setting : result.settings()) {
            boolean marked = recommended.isPresent() && recommended.get().memoryMb() == setting.memoryMb();
            out.printf(Locale.ROOT, ROW, setting.memoryMb(), number(setting.coldInitMs()),
                    number(setting.warmP50Ms()), number(setting.warmP99Ms()), number(setting.maxMemoryUsedMb()),
                    number(setting.meanWarmBilledMs()), usd(setting.usdPerMillion(price)), setting.failures().size(),
                    marked ? "  <- cheapest" + (plan.latencyBudgetMs().isPresent() ? " within budget" : "") : "");
        }
        out.println("warm_*: invocations without an init phase; billed_ms: their mean billed duration; usd_per_1M: a "
                + "million such invocations");
        for (SettingResult setting : result.settings()) {
            if (!setting.failures().isEmpty()) {
                out.printf(Locale.ROOT, "%d MB: %d of %d invocations failed, first: %s%n", setting.memoryMb(),
                        setting.failures().size(), plan.invocations(), setting.failures().get(0));
            }
        }
        out.println(recommendation(recommended, plan, price));
        out.println(result.finalMemoryMb() == result.originalMemoryMb()
                ? "memory restored to " + result.originalMemoryMb() + " MB"
                : "memory set to " + result.finalMemoryMb() + " MB (--apply; it was " + result.originalMemoryMb()
                        + " MB)");
        out.flush();
    }

    private static String recommendation(Optional<SettingResult> recommended, SweepPlan plan, LambdaPrice price) {
        if (recommended.isPresent()) {
            SettingResult setting = recommended.get();
            return "recommended: " + setting.memoryMb() + " MB, $" + usd(setting.usdPerMillion(price))
                    + " per 1M invocations, warm P50 " + number(setting.warmP50Ms()) + " ms";
        }
        return plan.latencyBudgetMs().isPresent()
                ? "recommended: none; no size without failures has a warm P50 within "
                        + number(plan.latencyBudgetMs()) + " ms"
                : "recommended: none; every size had failures";
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "-";
    }

    private static String number(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : "-";
    }

    private static String usd(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.4f", value.getAsDouble()) : "-";
    }
}
