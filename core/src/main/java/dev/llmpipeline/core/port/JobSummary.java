package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.JobStatus;
import java.time.Instant;

/**
 * What a batch's progress and its results paging need to know of one of its jobs.
 *
 * @param startedAt   its first claim, null while it has never run
 * @param completedAt null until it has ended
 */
public record JobSummary(String jobId, JobStatus status, Instant startedAt, Instant completedAt) {}
