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
import dev.llmpipeline.core.init.ParallelInit;
import dev.llmpipeline.core.init.SnapshotHooks;
import dev.llmpipeline.core.telemetry.PipelineMetrics;
import dev.llmpipeline.core.telemetry.Telemetry;
import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.core.trace.TraceScope;
import dev.llmpipeline.core.trace.Tracer;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The write side of the HTTP API: {@code GET /health}, {@code POST /jobs}, {@code DELETE /jobs/{id}},
 * {@code POST /batches}, {@code DELETE /batches/{id}}.
 * Lambda calls the no-arg constructor once per execution environment (the init phase), which builds the clients;
 * {@link #handleRequest} only delegates.
 */
public final class SubmitHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The service name of its logs and metrics, unless {@code POWERTOOLS_SERVICE_NAME} is set. */
    static final String SERVICE = "submit";

    private final ApiRoutes routes;
    private final Telemetry telemetry;
    private final Tracer tracer;
    // SnapStart's runtime hooks; a field, since CRaC only holds registered resources weakly.
    private final SnapshotHooks snapshotHooks;

    /** Lambda's entry point: configuration and clients from the process environment. */
    public SubmitHandler() {
        this(System.getenv());
    }

    /** Builds the function from an explicit environment, as the local stack does for each emulated function. */
    public SubmitHandler(Map<String, String> environment) {
        this(SubmitConfig.fromEnvironment(environment), Telemetry.fromEnvironment(environment, SERVICE),
                Tracer.fromEnvironment(environment));
    }

    private SubmitHandler(SubmitConfig config, Telemetry telemetry, Tracer tracer) {
        this(wire(config, telemetry), telemetry, tracer);
    }

    /**
     * Builds the function around its collaborators (tests pass fakes), without tracing; {@code telemetry} publishes
     * what they record.
     */
    public SubmitHandler(JobSubmitter submitter, BatchSubmitter batchSubmitter, SubmissionReader reader,
                         Telemetry telemetry) {
        this(submitter, batchSubmitter, reader, telemetry, Tracer.disabled());
    }

    /** Builds the function around its collaborators, recording each request's work with {@code tracer}. */
    public SubmitHandler(JobSubmitter submitter, BatchSubmitter batchSubmitter, SubmissionReader reader,
                         Telemetry telemetry, Tracer tracer) {
        this(submitter, batchSubmitter, reader, telemetry, tracer, () -> { });
    }

    /** @param snapshotPriming primes the request path once more before a SnapStart snapshot */
    private SubmitHandler(JobSubmitter submitter, BatchSubmitter batchSubmitter, SubmissionReader reader,
                          Telemetry telemetry, Tracer tracer, Runnable snapshotPriming) {
        this.telemetry = telemetry;
        this.tracer = tracer;
        this.snapshotHooks = SnapshotHooks.register("submit-function", snapshotPriming);
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

    private SubmitHandler(Wiring wiring, Telemetry telemetry, Tracer tracer) {
        this(wiring.submitter(), wiring.batchSubmitter(), wiring.reader(), telemetry, tracer, wiring.priming());
    }

    /** The route keys this function serves: the template must route exactly these to it. */
    public Set<String> routeKeys() {
        return routes.routeKeys();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        // The SDK calls of this request are recorded under Lambda's segment of this invocation.
        try (TraceScope.Activation traced = tracer.scope(context == null ? null : context.getXrayTraceId())
                .activate()) {
            return telemetry.invoke(context, () -> routes.handle(event, context));
        }
    }

    private static APIGatewayV2HTTPResponse submitJob(JobSubmitter submitter, SubmissionReader reader,
                                                      APIGatewayV2HTTPEvent event) {
        String owner = Requests.owner(event);
        JobRequest request = reader.readJob(event);
        JobSubmitter.Submitted submitted;
        try (Span span = TraceScope.current().subsegment("submit job");
             TraceScope.Activation traced = span.scope().activate()) {
            submitted = submitter.submit(owner, request, reader.idempotencyKey(event), TraceScope.current().traceId());
            span.annotate("job_id", submitted.job().jobId());
        }
        JobRepresentation body = JobRepresentation.of(submitted.job());
        return HttpResponses.json(submitted.created() ? 202 : 200, body,
                Map.of("Location", "/jobs/" + submitted.job().jobId()));
    }

    private static APIGatewayV2HTTPResponse submitBatch(BatchSubmitter submitter, SubmissionReader reader,
                                                        APIGatewayV2HTTPEvent event) {
        String owner = Requests.owner(event);
        var upload = reader.readBatch(event);
        BatchRepresentation batch;
        // One subsegment for the upload, however many jobs: the workers' segments name each job.
        try (Span span = TraceScope.current().subsegment("submit batch");
             TraceScope.Activation traced = span.scope().activate()) {
            batch = submitter.submit(owner, upload.requests(), upload.metadata(), TraceScope.current().traceId());
            span.annotate("batch_id", batch.batchId()).annotate("jobs", upload.requests().size());
        }
        return HttpResponses.json(202, batch, Map.of("Location", "/batches/" + batch.batchId()));
    }

    private record Wiring(JobSubmitter submitter, BatchSubmitter batchSubmitter, SubmissionReader reader,
                          Runnable priming) {}

    private static Wiring wire(SubmitConfig config, Telemetry telemetry) {
        PipelineMetrics metrics = telemetry.metrics();
        // The clients are built side by side, and the request path is primed meanwhile; see ParallelInit.
        try (ParallelInit init = new ParallelInit()) {
            Supplier<SdkHttpClient> httpClient = init.fork(AwsClients::httpClient);
            AwsClients clients = new AwsClients(config.aws(), httpClient);
            Supplier<SqsClient> sqs = init.fork(clients::sqs);
            var reader = new SubmissionReader(new JobRequestParser(config.maxPromptChars(),
                    config.maxNewTokensCap(), config.defaultMaxNewTokens()));
            init.prime("logs and metrics", telemetry::prime);
            init.prime("JSON of a job submission", () -> SubmitPriming.json(reader));
            // One DynamoDB client for both stores: a client is thread-safe, and each one built costs init time.
            DynamoDbClient dynamoDb = clients.dynamoDb();
            var store = new DynamoDbJobStore(dynamoDb, config.jobsTable(), config.retention());
            init.prime("read of a job that cannot exist", store::prime);
            var batches = new DynamoDbBatchStore(dynamoDb, config.jobsTable(), config.retention());
            var queue = new SqsJobQueue(sqs.get(), config.queueUrl());
            // A 10,000-line batch is 400 table writes and 1,000 queue sends: in parallel, or it would not fit the
            // API's 30 s.
            ExecutorService writers = Executors.newFixedThreadPool(16, runnable -> {
                Thread thread = new Thread(runnable, "batch-writer");
                thread.setDaemon(true);
                return thread;
            });
            // A client that cannot be built fails init, as it did before the clients were built side by side.
            httpClient.get();
            return new Wiring(new JobSubmitter(store, queue, Clock.systemUTC(), metrics),
                    new BatchSubmitter(store, batches, queue, writers, Clock.systemUTC(), metrics), reader, () -> {
                        SubmitPriming.json(reader);
                        store.prime();
                    });
        }
    }
}
