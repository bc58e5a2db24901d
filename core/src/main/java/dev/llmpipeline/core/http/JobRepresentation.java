package dev.llmpipeline.core.http;

import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.Timings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The job object of the API. The prompt is not echoed back: clients have it, and responses and logs stay small.
 * Serialized by the shared mapper with snake_case names; absent parts are {@code null}, so every key is always there.
 */
public record JobRepresentation(
        String jobId,
        String status,
        String customId,
        String batchId,
        String createdAt,
        String startedAt,
        String completedAt,
        Request request,
        Output output,
        Error error,
        Timings timings,
        Map<String, String> metadata,
        String traceId) {

    /** The generation settings the job was accepted with. */
    public record Request(int maxNewTokens) {}

    /** What the model produced. */
    public record Output(String text, int generatedTokens, String finishReason) {}

    /** Why the job failed. */
    public record Error(String code, String message) {}

    /** The representation of a job. */
    public static JobRepresentation of(Job job) {
        return new JobRepresentation(
                job.jobId(),
                job.status().wireName(),
                job.customId(),
                job.batchId(),
                iso(job.createdAt()),
                iso(job.startedAt()),
                iso(job.completedAt()),
                new Request(job.params().maxNewTokens()),
                output(job.output()),
                error(job.error()),
                job.timings(),
                job.metadata(),
                job.traceId());
    }

    /** ISO-8601 in UTC with millisecond precision, the precision the store keeps. */
    public static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Output output(Generation generation) {
        return generation == null ? null
                : new Output(generation.text(), generation.generatedTokens(), generation.finishReason().wireName());
    }

    private static Error error(JobError error) {
        return error == null ? null : new Error(error.code().wireName(), error.message());
    }
}
