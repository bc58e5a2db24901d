package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.trace.Tracer;
import dev.llmpipeline.local.client.PipelineClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline trace JOB_ID}: the job's X-Ray trace as a waterfall, from the local stack's X-Ray daemon emulator.
 * Waits (briefly) until the trace is complete: the job has ended and the worker's segment for it has arrived.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Print a job's trace as a waterfall (local stack only).")
final class TraceCommand implements Callable<Integer> {
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", description = "the job id")
    String jobId;

    @Option(names = "--timeout", defaultValue = "10",
            description = "wait at most this many seconds for the trace to be complete (default 10)")
    int timeoutSeconds;

    Pause pause = Pause.sleeping();

    @Override
    public Integer call() throws InterruptedException {
        PipelineClient api = client.client();
        PipelineClient.Response job = api.job(jobId, 0);
        if (!job.ok()) {
            return Output.print(job);
        }
        String traceId = job.body().path("trace_id").asText(null);
        if (traceId == null) {
            System.err.println("job " + jobId + " has no trace_id: it was submitted without tracing");
            return 1;
        }
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        List<JsonNode> documents = List.of();
        boolean complete = false;
        while (!complete) {
            documents = documents(api.trace(traceId));
            complete = isComplete(jobId, job.body(), documents);
            if (complete || Instant.now().isAfter(deadline)) {
                break;
            }
            pause.pause(POLL_INTERVAL);
            job = api.job(jobId, 0);
        }
        System.out.println("trace " + traceId + " of job " + jobId + " (" + job.body().path("status").asText() + ")");
        Waterfall.render(documents).forEach(System.out::println);
        if (!complete) {
            System.err.println("the trace may be incomplete: the job has not ended, or its worker segment has not"
                    + " arrived within " + timeoutSeconds + " s");
        }
        return 0;
    }

    /** Whether the job has ended and a worker's segment for it, which is sent when it ends, is in the trace. */
    static boolean isComplete(String jobId, JsonNode job, List<JsonNode> documents) {
        if (!TERMINAL.contains(job.path("status").asText())) {
            return false;
        }
        if (job.path("status").asText().equals("cancelled")) {
            return true; // cancelled while queued: no worker had it
        }
        return documents.stream().anyMatch(document -> Tracer.LAMBDA_ORIGIN.equals(document.path("origin").asText())
                && jobId.equals(document.path("annotations").path("job_id").asText())
                && document.path("annotations").has("outcome")
                && document.hasNonNull("end_time"));
    }

    private static List<JsonNode> documents(PipelineClient.Response response) {
        List<JsonNode> documents = new ArrayList<>();
        if (response.ok()) {
            response.body().path("documents").forEach(documents::add);
        }
        return documents;
    }
}
