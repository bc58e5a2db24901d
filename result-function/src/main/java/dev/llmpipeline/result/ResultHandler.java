package dev.llmpipeline.result;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.core.aws.AwsClients;
import dev.llmpipeline.core.aws.DynamoDbBatchStore;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.ApiRoutes;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.http.HttpResponses;
import dev.llmpipeline.core.http.JobRepresentation;
import dev.llmpipeline.core.http.Requests;
import dev.llmpipeline.core.init.ParallelInit;
import dev.llmpipeline.core.init.SnapshotHooks;
import dev.llmpipeline.core.telemetry.Telemetry;
import dev.llmpipeline.core.time.Pause;
import dev.llmpipeline.core.trace.TraceScope;
import dev.llmpipeline.core.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The read side of the HTTP API: {@code GET /jobs/{id}} with optional {@code ?wait=N} long-polling,
 * {@code GET /batches/{id}} and {@code GET /batches/{id}/results}. Lambda calls
 * the no-arg constructor once per execution environment; {@link #handleRequest} only delegates.
 */
public final class ResultHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The service name of its logs and metrics, unless {@code POWERTOOLS_SERVICE_NAME} is set. */
    static final String SERVICE = "result";

    private final ApiRoutes routes;
    private final Telemetry telemetry;
    private final Tracer tracer;
    // SnapStart's runtime hooks; a field, since CRaC only holds registered resources weakly.
    private final SnapshotHooks snapshotHooks;

    /** Lambda's entry point: configuration and clients from the process environment. */
    public ResultHandler() {
        this(System.getenv());
    }

    /** Builds the function from an explicit environment, as the local stack does. */
    public ResultHandler(Map<String, String> environment) {
        this(ResultConfig.fromEnvironment(environment), Telemetry.fromEnvironment(environment, SERVICE),
                Tracer.fromEnvironment(environment));
    }

    private ResultHandler(ResultConfig config, Telemetry telemetry, Tracer tracer) {
        this(wire(config, telemetry), config.maxWait(), telemetry, tracer);
    }

    private ResultHandler(Readers readers, Duration maxWait, Telemetry telemetry, Tracer tracer) {
        this(readers.jobs(), readers.batches(), maxWait, telemetry, tracer, readers.priming());
    }

    /** Builds the function around its collaborators (tests pass fakes), without tracing. */
    public ResultHandler(JobReader reader, BatchReader batchReader, Duration maxWait, Telemetry telemetry) {
        this(reader, batchReader, maxWait, telemetry, Tracer.disabled());
    }

    /** Builds the function around its collaborators, recording each request's reads with {@code tracer}. */
    public ResultHandler(JobReader reader, BatchReader batchReader, Duration maxWait, Telemetry telemetry,
                         Tracer tracer) {
        this(reader, batchReader, maxWait, telemetry, tracer, () -> { });
    }

    /** @param snapshotPriming primes the request path once more before a SnapStart snapshot */
    private ResultHandler(JobReader reader, BatchReader batchReader, Duration maxWait, Telemetry telemetry,
                          Tracer tracer, Runnable snapshotPriming) {
        this.telemetry = telemetry;
        this.tracer = tracer;
        this.snapshotHooks = SnapshotHooks.register("result-function", snapshotPriming);
        this.routes = ApiRoutes.builder()
                .route("GET /jobs/{id}", event -> HttpResponses.json(200, JobRepresentation.of(reader.read(
                        Requests.owner(event), Requests.pathParameter(event, "id"), waitOf(event, maxWait)))))
                .route("GET /batches/{id}", event -> HttpResponses.json(200, batchReader.read(
                        Requests.owner(event), Requests.pathParameter(event, "id"))))
                .route("GET /batches/{id}/results", event -> HttpResponses.json(200, batchReader.results(
                        Requests.owner(event), Requests.pathParameter(event, "id"), limitOf(event),
                        Requests.queryParameter(event, "cursor"))))
                .build();
    }

    private record Readers(JobReader jobs, BatchReader batches, Runnable priming) {}

    private static Readers wire(ResultConfig config, Telemetry telemetry) {
        // The clients are built side by side, and the request path is primed meanwhile; see ParallelInit.
        try (ParallelInit init = new ParallelInit()) {
            Supplier<SdkHttpClient> httpClient = init.fork(AwsClients::httpClient);
            init.prime("logs and metrics", telemetry::prime);
            init.prime("JSON of a job", ResultPriming::json);
            DynamoDbClient dynamoDb = new AwsClients(config.aws(), httpClient).dynamoDb();
            var store = new DynamoDbJobStore(dynamoDb, config.jobsTable(), config.retention());
            init.prime("read of a job that cannot exist", store::prime);
            var batches = new DynamoDbBatchStore(dynamoDb, config.jobsTable(), config.retention());
            // A client that cannot be built fails init, as it did before the clients were built side by side.
            httpClient.get();
            return new Readers(new JobReader(store, Clock.systemUTC(), Pause.sleeping()),
                    new BatchReader(batches, Clock.systemUTC(), config.resultsSettle()), () -> {
                        ResultPriming.json();
                        store.prime();
                    });
        }
    }

    private static int limitOf(APIGatewayV2HTTPEvent event) {
        String value = Requests.queryParameter(event, "limit").orElse("100");
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new ApiException(ErrorCode.VALIDATION_ERROR, "limit: must be an integer from 1 to 1000, was " + value);
    }

    /** The route keys this function serves: the template must route exactly these to it. */
    public Set<String> routeKeys() {
        return routes.routeKeys();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        // The reads of this request are recorded under Lambda's segment of this invocation.
        try (TraceScope.Activation traced = tracer.scope(context == null ? null : context.getXrayTraceId())
                .activate()) {
            return ResponseCompression.apply(event, telemetry.invoke(context, () -> routes.handle(event, context)));
        }
    }

    private static Duration waitOf(APIGatewayV2HTTPEvent event, Duration maxWait) {
        String value = Requests.queryParameter(event, "wait").orElse("0");
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= maxWait.toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new ApiException(ErrorCode.VALIDATION_ERROR,
                "wait: must be an integer number of seconds from 0 to " + maxWait.toSeconds() + ", was " + value);
    }
}
