package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.JobStatus;
import java.time.Instant;

/** What a batch's progress needs to know of one of its jobs. */
public record JobSummary(String jobId, JobStatus status, Instant completedAt) {}
