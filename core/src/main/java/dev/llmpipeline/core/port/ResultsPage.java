package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.Job;
import java.util.List;
import java.util.Optional;

/**
 * A page of a batch's finished jobs, in the order they finished.
 *
 * @param next where the following page starts; empty when no finished job follows yet
 */
public record ResultsPage(List<Job> jobs, Optional<ResultsPosition> next) {}
