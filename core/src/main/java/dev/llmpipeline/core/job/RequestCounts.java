package dev.llmpipeline.core.job;

import java.util.Collection;

/** How many of a batch's jobs are in each status. The parts always add up to {@code total}. */
public record RequestCounts(int total, int queued, int running, int succeeded, int failed, int cancelled) {

    /** Counts the given statuses. */
    public static RequestCounts of(Collection<JobStatus> statuses) {
        int[] counts = new int[JobStatus.values().length];
        statuses.forEach(status -> counts[status.ordinal()]++);
        return new RequestCounts(statuses.size(), counts[JobStatus.QUEUED.ordinal()],
                counts[JobStatus.RUNNING.ordinal()], counts[JobStatus.SUCCEEDED.ordinal()],
                counts[JobStatus.FAILED.ordinal()], counts[JobStatus.CANCELLED.ordinal()]);
    }

    /** Whether every job has ended. */
    public boolean allTerminal() {
        return queued == 0 && running == 0;
    }
}
