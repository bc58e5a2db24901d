package dev.llmpipeline.result;

import dev.llmpipeline.core.http.HttpResponses;
import dev.llmpipeline.core.http.JobRepresentation;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON work of a {@code GET /jobs/{id}}, done once during init so that the first request finds Jackson's
 * serializers built: a finished job's representation, with every part a client can see, is written. Nothing leaves
 * the process.
 */
final class ResultPriming {

    private ResultPriming() {
    }

    static void json() {
        Instant now = Instant.now();
        Job job = new Job(JobIds.ZERO, "priming", JobStatus.SUCCEEDED, "priming", new GenerationParams(1), null, null,
                Map.of("a", "b"), now, now, now, new Generation("priming", 1, FinishReason.LENGTH), null,
                Timings.of(0, 0, 0, 1, 1), null);
        HttpResponses.json(200, JobRepresentation.of(job));
    }
}
