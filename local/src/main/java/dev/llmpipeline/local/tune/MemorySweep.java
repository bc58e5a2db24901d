package dev.llmpipeline.local.tune;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Sweeps a function's memory through the Lambda API: for each size it updates the configuration, waits until the
 * update is done ({@code LastUpdateStatus} {@code Successful}), and invokes the function synchronously with the log
 * tail, whose {@code REPORT} line gives the duration, billed duration, memory used and, on a cold start, the init
 * phase. Afterwards the function gets its original memory back, or the recommended size when the plan says so, also
 * when the sweep fails half-way.
 *
 * <p>It sweeps {@code $LATEST}, the only version whose configuration can change (published versions are immutable),
 * and invokes one at a time, so that each invocation after the first can reuse the warm environment.
 */
public final class MemorySweep {
    // An update replaces the function's environments; it normally takes seconds, longer for functions in a VPC.
    private static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(5);

    private final LambdaClient lambda;
    private final Poller poller;
    private final PrintWriter progress;

    /** @param progress where a line per step goes (the command's stderr) */
    public MemorySweep(LambdaClient lambda, Poller poller, PrintWriter progress) {
        this.lambda = lambda;
        this.poller = poller;
        this.progress = progress;
    }

    /**
     * Measures every memory size of the plan, then restores the memory (or applies the recommended size). A failure
     * of the Lambda API (throttling, a missing permission) ends the sweep as well, after restoring the memory.
     *
     * @throws TuneException if an update fails or does not finish in time, or an invocation's figures are unreadable
     */
    public SweepResult run(SweepPlan plan) {
        String function = plan.function();
        GetFunctionConfigurationResponse initial = awaitUpdate(function);
        int originalMemoryMb = initial.memorySize();
        LambdaPrice price = LambdaPrice.of(initial.architectures());
        progress.printf("%s: %d MB, %s; measuring %s MB, %d invocations each%n", function, originalMemoryMb,
                price.architecture(), plan.memorySizesMb(), plan.invocations());
        progress.flush();
        List<SettingResult> settings = new ArrayList<>();
        try {
            for (int memoryMb : plan.memorySizesMb()) {
                settings.add(measure(plan, memoryMb));
            }
        } catch (RuntimeException sweepFailure) {
            progress.printf("restoring %d MB after a failure%n", originalMemoryMb);
            progress.flush();
            try {
                configure(function, originalMemoryMb);
            } catch (RuntimeException restoreFailure) {
                sweepFailure.addSuppressed(restoreFailure);
            }
            throw sweepFailure;
        }
        Optional<SettingResult> recommended = SweepResult.cheapestWithinBudget(settings, price, plan.latencyBudgetMs());
        int finalMemoryMb = plan.applyRecommended() ? recommended.map(SettingResult::memoryMb).orElse(originalMemoryMb)
                : originalMemoryMb;
        if (finalMemoryMb != plan.memorySizesMb().get(plan.memorySizesMb().size() - 1)) {
            configure(function, finalMemoryMb);
        }
        return new SweepResult(plan, price, originalMemoryMb, finalMemoryMb, settings);
    }

    private SettingResult measure(SweepPlan plan, int memoryMb) {
        progress.printf("%d MB: updating the configuration%n", memoryMb);
        progress.flush();
        configure(plan.function(), memoryMb);
        SdkBytes event = SdkBytes.fromUtf8String(plan.event());
        List<InvocationReport> reports = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int invocation = 0; invocation < plan.invocations(); invocation++) {
            InvokeResponse response = lambda.invoke(request -> request.functionName(plan.function())
                    .logType(LogType.TAIL).payload(event));
            if (response.functionError() != null) {
                failures.add(FunctionError.of(response).describe());
                continue;
            }
            InvocationReport report = report(response);
            if (report.memorySizeMb() != memoryMb) {
                // An environment of the previous configuration answered: its figures belong to another size.
                failures.add("ran with " + report.memorySizeMb() + " MB, not " + memoryMb + " MB");
                continue;
            }
            reports.add(report);
        }
        SettingResult result = new SettingResult(memoryMb, reports, failures);
        progress.printf("%d MB: %d invocations, %d cold, %d failed%n", memoryMb, plan.invocations(),
                reports.size() - result.warm().size(), failures.size());
        progress.flush();
        return result;
    }

    /** Sets the memory and waits until the update is done. */
    private void configure(String function, int memoryMb) {
        lambda.updateFunctionConfiguration(request -> request.functionName(function).memorySize(memoryMb));
        GetFunctionConfigurationResponse configuration = awaitUpdate(function);
        if (configuration.lastUpdateStatus() == LastUpdateStatus.FAILED) {
            throw new TuneException("the update of " + function + " to " + memoryMb + " MB failed: "
                    + configuration.lastUpdateStatusReason());
        }
    }

    // Lambda refuses an update while another is in progress, and invokes the old configuration until it is done.
    private GetFunctionConfigurationResponse awaitUpdate(String function) {
        return poller.until("the update of " + function, UPDATE_TIMEOUT,
                () -> lambda.getFunctionConfiguration(request -> request.functionName(function)),
                configuration -> configuration.lastUpdateStatus() != LastUpdateStatus.IN_PROGRESS);
    }

    private static InvocationReport report(InvokeResponse response) {
        if (response.logResult() == null) {
            throw new TuneException("the invocation answered without a log tail (X-Amz-Log-Result)");
        }
        try {
            return InvocationReport.fromLogTail(
                    new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new TuneException("cannot read the invocation's figures: " + e.getMessage());
        }
    }
}
