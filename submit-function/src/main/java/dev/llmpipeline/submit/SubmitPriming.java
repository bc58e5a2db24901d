package dev.llmpipeline.submit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.http.HttpResponses;
import dev.llmpipeline.core.http.JobRepresentation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON work of a {@code POST /jobs}, done once during init so that the first request finds Jackson's parsers
 * and serializers built: a body is read and validated, then the job's message body and its representation are
 * written. Nothing leaves the process.
 */
final class SubmitPriming {
    private static final String BODY = "{\"prompt\": \"p\", \"max_new_tokens\": 1, \"metadata\": {\"a\": \"b\"}}";

    private SubmitPriming() {
    }

    static void json(SubmissionReader reader) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(BODY)
                .withIsBase64Encoded(false)
                .build();
        JobRequest request = reader.readJob(event);
        Job job = Job.queued(JobIds.ZERO, "priming", request.prompt(), new GenerationParams(request.maxNewTokens()),
                request.customId(), null, request.metadata(), Instant.now(), null);
        SqsJobQueue.messageBody(job.jobId());
        HttpResponses.json(202, JobRepresentation.of(job), Map.of("Location", "/jobs/" + job.jobId()));
    }
}
