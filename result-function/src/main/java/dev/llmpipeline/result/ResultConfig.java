package dev.llmpipeline.result;

import dev.llmpipeline.core.config.AwsSettings;
import dev.llmpipeline.core.config.EnvironmentReader;
import java.time.Duration;
import java.util.Map;

/**
 * The result function's settings, read once from its environment at init and validated there.
 *
 * @param maxWait the longest {@code ?wait=} a client may ask for ({@code MAX_WAIT_SECONDS}, default 20); it must
 *                stay below the function's timeout, which stays below the HTTP API's 30 s integration limit
 * @param resultsSettle how long a finished job is held back from batch results ({@code RESULTS_SETTLE_MILLIS},
 *                default 2,000): longer than the results index's lag plus the skew between workers' clocks
 */
public record ResultConfig(AwsSettings aws, String jobsTable, Duration maxWait, Duration retention,
                           Duration resultsSettle) {

    /** Reads and validates the environment; the exception names every problem. */
    public static ResultConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        AwsSettings aws = AwsSettings.read(env);
        String table = env.required("JOBS_TABLE");
        int maxWait = env.integer("MAX_WAIT_SECONDS", 20, 0, 25);
        int retentionDays = env.integer("RESULT_RETENTION_DAYS", 7, 1, 365);
        int settleMillis = env.integer("RESULTS_SETTLE_MILLIS", 2_000, 0, 60_000);
        env.validate();
        return new ResultConfig(aws, table, Duration.ofSeconds(maxWait), Duration.ofDays(retentionDays),
                Duration.ofMillis(settleMillis));
    }
}
