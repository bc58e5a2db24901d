package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.JobsApi.acceptedJobId;
import static dev.llmpipeline.local.e2e.JobsApi.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One job's X-Ray trace through the local stack: the submit's segment, the worker's segment continuing the same
 * trace under the SQS call that enqueued the job, and the DynamoDB, SQS and endpoint calls as subsegments.
 */
@ExtendWith(LocalStackExtension.class)
class TraceIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String LAMBDA = "AWS::Lambda::Function";

    private final PipelineClient alice;

    TraceIT(@Owner("alice") PipelineClient alice) {
        this.alice = alice;
    }

    @Test
    void aJobsTraceRunsFromItsSubmitThroughTheQueueIntoTheWorker() {
        Response submitted = alice.submit("Trace me: what does a queue buy a pipeline?", 16, null, Optional.empty());
        String jobId = acceptedJobId(submitted);
        String traceId = submitted.body().path("trace_id").asText();
        JsonNode job = awaitTerminal(alice, jobId, DEADLINE);

        List<JsonNode> trace = awaitWorkerSegment(traceId, jobId);

        assertThat(traceId).matches("1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("trace_id").asText()).isEqualTo(traceId);
        assertThat(trace).allSatisfy(document -> assertThat(document.path("trace_id").asText()).isEqualTo(traceId));

        JsonNode submit = only(trace, document -> LAMBDA.equals(document.path("origin").asText())
                && document.path("name").asText().equals("SubmitFunction"));
        JsonNode submitJob = only(trace, childOf(submit).and(named("submit job")));
        assertThat(submitJob.path("annotations").path("job_id").asText()).isEqualTo(jobId);
        JsonNode put = only(trace, childOf(submitJob).and(named("DynamoDB")));
        assertThat(put.path("namespace").asText()).isEqualTo("aws");
        assertThat(put.path("aws").path("operation").asText()).isEqualTo("PutItem");
        JsonNode send = only(trace, childOf(submitJob).and(named("SQS")));
        assertThat(send.path("aws").path("operation").asText()).isEqualTo("SendMessageBatch");
        assertThat(send.path("http").path("response").path("status").asInt()).isEqualTo(200);

        // The worker continues the trace under the SQS call that enqueued the job (the message's AWSTraceHeader).
        JsonNode worker = only(trace, document -> LAMBDA.equals(document.path("origin").asText())
                && document.path("name").asText().equals("WorkerFunction"));
        assertThat(worker.path("parent_id").asText()).isEqualTo(send.path("id").asText());
        assertThat(worker.path("annotations").path("job_id").asText()).isEqualTo(jobId);
        assertThat(trace.stream().filter(childOf(worker).and(named("DynamoDB")))
                .map(document -> document.path("aws").path("operation").asText()))
                .as("the claim and the result of the job").hasSize(2).containsOnly("UpdateItem");
        JsonNode microBatch = only(trace, childOf(worker).and(named("micro-batch")));
        assertThat(microBatch.path("annotations").path("micro_batch_size").asInt()).isPositive();
        JsonNode invoke = only(trace, childOf(microBatch).and(named("SageMakerRuntime")));
        assertThat(invoke.path("aws").path("operation").asText()).isEqualTo("InvokeEndpoint");
        assertThat(invoke.path("end_time").decimalValue()).isGreaterThan(invoke.path("start_time").decimalValue());
    }

    @Test
    void servesTracesOnlyWithABearerToken() {
        Response submitted = alice.submit("Who may read a trace?", 8, null, Optional.empty());
        String traceId = submitted.body().path("trace_id").asText();

        Response anonymous = alice.send(HttpRequest.newBuilder(alice.request("/local/traces/" + traceId).build().uri())
                .GET().build());
        Response unknown = alice.trace("1-00000000-000000000000000000000000");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(404);
    }

    /** The trace's documents once the worker's segment for the job (sent when the job's result is stored) is in. */
    private List<JsonNode> awaitWorkerSegment(String traceId, String jobId) {
        List<JsonNode> documents = new ArrayList<>();
        Eventually.until(DEADLINE, "the worker's and the submit's segments in trace " + traceId, () -> {
            documents.clear();
            Response response = alice.trace(traceId);
            if (response.ok()) {
                response.body().path("documents").forEach(documents::add);
            }
            return documents.stream().anyMatch(document -> LAMBDA.equals(document.path("origin").asText())
                    && jobId.equals(document.path("annotations").path("job_id").asText()))
                    && documents.stream().anyMatch(named("SubmitFunction"));
        });
        return documents;
    }

    private static Predicate<JsonNode> named(String name) {
        return document -> document.path("name").asText().equals(name);
    }

    private static Predicate<JsonNode> childOf(JsonNode parent) {
        return document -> document.path("parent_id").asText().equals(parent.path("id").asText());
    }

    private static JsonNode only(List<JsonNode> trace, Predicate<JsonNode> matching) {
        List<JsonNode> found = trace.stream().filter(matching).toList();
        assertThat(found).as("in trace %s", trace).hasSize(1);
        return found.get(0);
    }
}
