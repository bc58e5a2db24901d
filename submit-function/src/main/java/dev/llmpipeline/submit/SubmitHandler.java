package dev.llmpipeline.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.core.aws.AwsClients;
import dev.llmpipeline.core.aws.DynamoDbBatchStore;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.http.ApiRoutes;
import dev.llmpipeline.core.http.BatchRepresentation;
import dev.llmpipeline.core.http.HttpResponses;
import dev.llmpipeline.core.http.JobRepresentation;
import dev.llmpipeline.core.http.Requests;
import dev.llmpipeline.core.trace.TraceIds;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The write side of the HTTP API: {@code GET /health}, {@code POST /jobs}, {@code DELETE /jobs/{id}},
 * {@code POST /batches}, {@code DELETE /batches/{id}}.
 * Lambda calls the no-arg constructor once per execution environment (the init phase), which builds the clients;
 * {@link #handleRequest} only delegates.
 */
public final class SubmitHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiRoutes routes;

    /** Lambda's entry point: configuration and clients from the process environment. */
    public SubmitHandler() {
        this(System.getenv());
    }

    /** Builds the function from an explicit environment, as the local stack does for each emulated function. */
    public SubmitHandler(Map<String, String> environment) {
        this(wire(SubmitConfig.fromEnvironment(environment)));
    }

    /** Builds the function around its collaborators (tests pass fakes). */
    public SubmitHandler(JobSubmitter submitter, BatchSubmitter batchSubmitter, SubmissionReader reader) {
        this.routes = ApiRoutes.builder()
                .route("GET /health", event -> HttpResponses.json(200, Map.of("status", "ok")))
                .route("POST /jobs", event -> submitJob(submitter, reader, event))
                .route("DELETE /jobs/{id}", event -> HttpResponses.json(200, JobRepresentation.of(
                        submitter.cancel(Requests.owner(event), Requests.pathParameter(event, "id")))))
                .route("POST /batches", event -> submitBatch(batchSubmitter, reader, event))
                .route("DELETE /batches/{id}", event -> HttpResponses.json(200,
                        batchSubmitter.cancel(Requests.owner(event), Requests.pathParameter(event, "id"))))
                .build();
    }

    private SubmitHandler(Wiring wiring) {
        this(wiring.submitter(), wiring.batchSubmitter(), wiring.reader());
    }

    /** The route keys this function serves: the template must route exactly these to it. */
    public Set<String> routeKeys() {
        return routes.routeKeys();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private static APIGatewayV2HTTPResponse submitJob(JobSubmitter submitter, SubmissionReader reader,
                                                      APIGatewayV2HTTPEvent event) {
        String owner = Requests.owner(event);
        JobRequest request = reader.readJob(event);
        var submitted = submitter.submit(owner, request, reader.idempotencyKey(event), TraceIds.current());
        JobRepresentation body = JobRepresentation.of(submitted.job());
        return HttpResponses.json(submitted.created() ? 202 : 200, body,
                Map.of("Location", "/jobs/" + submitted.job().jobId()));
    }

    private static APIGatewayV2HTTPResponse submitBatch(BatchSubmitter submitter, SubmissionReader reader,
                                                        APIGatewayV2HTTPEvent event) {
        String owner = Requests.owner(event);
        var upload = reader.readBatch(event);
        BatchRepresentation batch = submitter.submit(owner, upload.requests(), upload.metadata());
        return HttpResponses.json(202, batch, Map.of("Location", "/batches/" + batch.batchId()));
    }

    private record Wiring(JobSubmitter submitter, BatchSubmitter batchSubmitter, SubmissionReader reader) {}

    private static Wiring wire(SubmitConfig config) {
        AwsClients clients = new AwsClients(config.aws());
        var store = new DynamoDbJobStore(clients.dynamoDb(), config.jobsTable(), config.retention());
        var queue = new SqsJobQueue(clients.sqs(), config.queueUrl());
        var parser = new JobRequestParser(config.maxPromptChars(), config.maxNewTokensCap(),
                config.defaultMaxNewTokens());
        var batches = new DynamoDbBatchStore(clients.dynamoDb(), config.jobsTable(), config.retention());
        // A 10,000-line batch is 400 table writes and 1,000 queue sends: in parallel, or it would not fit the API's 30 s.
        ExecutorService writers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "batch-writer");
            thread.setDaemon(true);
            return thread;
        });
        return new Wiring(new JobSubmitter(store, queue, Clock.systemUTC()),
                new BatchSubmitter(store, batches, queue, writers, Clock.systemUTC()), new SubmissionReader(parser));
    }
}
