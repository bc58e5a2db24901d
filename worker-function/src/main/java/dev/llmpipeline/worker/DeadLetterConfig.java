package dev.llmpipeline.worker;

import dev.llmpipeline.core.config.AwsSettings;
import dev.llmpipeline.core.config.EnvironmentReader;
import java.time.Duration;
import java.util.Map;

/**
 * The dead-letter function's settings, read once from its environment at init and validated there.
 *
 * @param jobsTable the jobs table ({@code JOBS_TABLE})
 * @param retention how long a failed job stays readable ({@code RESULT_RETENTION_DAYS}, default 7)
 */
public record DeadLetterConfig(AwsSettings aws, String jobsTable, Duration retention) {

    /** Reads and validates the environment; the exception names every problem. */
    public static DeadLetterConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        AwsSettings aws = AwsSettings.read(env);
        String table = env.required("JOBS_TABLE");
        int retentionDays = env.integer("RESULT_RETENTION_DAYS", 7, 1, 365);
        env.validate();
        return new DeadLetterConfig(aws, table, Duration.ofDays(retentionDays));
    }
}
