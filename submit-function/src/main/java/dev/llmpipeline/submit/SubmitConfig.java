package dev.llmpipeline.submit;

import dev.llmpipeline.core.config.AwsSettings;
import dev.llmpipeline.core.config.EnvironmentReader;
import java.time.Duration;
import java.util.Map;

/**
 * The submit function's settings, read once from its environment at init and validated there.
 *
 * @param maxPromptChars      longest prompt accepted ({@code MAX_PROMPT_CHARS}, default 8,000)
 * @param maxNewTokensCap     largest {@code max_new_tokens} a client may ask for ({@code MAX_NEW_TOKENS_CAP}, 512)
 * @param defaultMaxNewTokens what a job gets when it asks for nothing ({@code DEFAULT_MAX_NEW_TOKENS}, 128)
 */
public record SubmitConfig(AwsSettings aws, String jobsTable, String queueUrl, int maxPromptChars,
                           int maxNewTokensCap, int defaultMaxNewTokens, Duration retention) {

    /** Reads and validates the environment; the exception names every problem. */
    public static SubmitConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        AwsSettings aws = AwsSettings.read(env);
        String table = env.required("JOBS_TABLE");
        String queueUrl = env.required("JOBS_QUEUE_URL");
        int maxPromptChars = env.integer("MAX_PROMPT_CHARS", 8_000, 1, 100_000);
        int cap = env.integer("MAX_NEW_TOKENS_CAP", 512, 1, 8_192);
        int defaultTokens = env.integer("DEFAULT_MAX_NEW_TOKENS", 128, 1, 8_192);
        if (defaultTokens > cap) {
            env.problem("DEFAULT_MAX_NEW_TOKENS (" + defaultTokens + ") must not exceed MAX_NEW_TOKENS_CAP (" + cap + ")");
        }
        int retentionDays = env.integer("RESULT_RETENTION_DAYS", 7, 1, 365);
        env.validate();
        return new SubmitConfig(aws, table, queueUrl, maxPromptChars, cap, defaultTokens,
                Duration.ofDays(retentionDays));
    }
}
