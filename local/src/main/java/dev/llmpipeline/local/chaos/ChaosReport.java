package dev.llmpipeline.local.chaos;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What a chaos run found. It passed when no job was lost, none was completed twice, every poison job failed with
 * {@code model_error}, every other job succeeded, and the dead-letter queue was drained.
 */
public record ChaosReport(int jobs, int poisonJobs, int lost, long completedMoreThanOnce, long suppressedCompletions,
                          int poisonFailedWithModelError, int othersSucceeded, int otherOutcomes, int deadLetterDepth,
                          int endpointCalls, int endpointServerErrors, int endpointThrottles, int endpointModelErrors,
                          long crashedInvocations, Duration elapsed) {

    /** Whether every guarantee held. */
    public boolean passed() {
        return lost == 0 && completedMoreThanOnce == 0 && poisonFailedWithModelError == poisonJobs
                && othersSucceeded == jobs - poisonJobs && otherOutcomes == 0 && deadLetterDepth == 0;
    }

    /** Prints the figures, one per line. */
    public void print(PrintStream out) {
        out.printf("jobs: %d (%d poison)%n", jobs, poisonJobs);
        out.printf("  jobs lost (not terminal at the end):   %d%n", lost);
        out.printf("  jobs completed more than once:         %d (duplicate completions the condition suppressed: %d)%n",
                completedMoreThanOnce, suppressedCompletions);
        out.printf("  poison jobs failed with model_error:   %d/%d%n", poisonFailedWithModelError, poisonJobs);
        out.printf("  other jobs succeeded:                  %d/%d (other outcomes: %d)%n", othersSucceeded,
                jobs - poisonJobs, otherOutcomes);
        out.printf("  dead-letter queue:                     %s%n",
                deadLetterDepth == 0 ? "drained" : deadLetterDepth + " message(s) left");
        out.printf("  endpoint calls: %d (%d answered 5xx, %d throttled, %d model errors)%n", endpointCalls,
                endpointServerErrors, endpointThrottles, endpointModelErrors);
        out.printf("  worker invocations crashed: %d%n", crashedInvocations);
        out.printf("  elapsed: %.1f s%n", elapsed.toMillis() / 1000.0);
        out.println(passed() ? "PASSED" : "FAILED");
    }
}
