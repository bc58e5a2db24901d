package dev.llmpipeline.result;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.testing.FakeLambdaContext;
import dev.llmpipeline.core.testing.InMemoryJobStore;
import dev.llmpipeline.core.testing.MutableClock;
import dev.llmpipeline.core.testing.LocalTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The result function's batch routes over the in-memory store, with a clock the test moves and helpers that play
 * the worker's part: claim, finish, fail, cancel. Results are held back for {@link #SETTLE}.
 */
final class BatchFixture {
    static final String ALICE = "user-alice";
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration LEASE = Duration.ofSeconds(75);

    final InMemoryJobStore store = new InMemoryJobStore();
    final MutableClock clock = new MutableClock(CREATED.plusMillis(100));
    final ResultHandler handler = new ResultHandler(new JobReader(store, clock, duration -> clock.advance(duration)),
            new BatchReader(store, clock, SETTLE), Duration.ofSeconds(20), LocalTelemetry.of(ResultHandler.SERVICE));
    private final FakeLambdaContext context = new FakeLambdaContext("2f7c9e4b-result-batch01", 25_000);
    private final Map<String, String> claims = new HashMap<>();

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, context);
    }

    /** Stores alice's accepted batch of {@code size} queued jobs; returns their ids in the order of the file. */
    List<String> acceptedBatch(String batchId, int size) {
        return batch(batchId, size, true);
    }

    /** Stores alice's batch of {@code size} queued jobs, accepted or still being accepted. */
    List<String> batch(String batchId, int size, boolean accept) {
        store.createBatch(new Batch(batchId, ALICE, BatchState.ACCEPTING, CREATED, null, size,
                Map.of("project", "eval-7")));
        List<Job> jobs = IntStream.rangeClosed(1, size)
                .mapToObj(index -> Job.queued(UUID.randomUUID().toString(), ALICE, "Summarise item " + index,
                        new GenerationParams(32), "row-" + index, batchId, Map.of(), CREATED, null))
                .toList();
        store.putJobs(jobs);
        if (accept) {
            store.markAccepted(batchId);
        }
        return new ArrayList<>(jobs.stream().map(Job::jobId).toList());
    }

    /** A worker claims the job now. */
    void start(String jobId) {
        var claim = (ClaimResult.Claimed) store.claim(jobId, clock.instant(), LEASE, 1);
        claims.put(jobId, claim.claimToken());
    }

    /** A worker claims the job, if it has not yet, and stores its output now. */
    void succeed(String jobId) {
        succeedStampedAt(jobId, clock.instant());
    }

    /**
     * A worker that claimed the job stores its output now, stamped with an earlier time: the stamp is taken before
     * the write, and the write can land late (a slow or retried request).
     */
    void succeedStampedAt(String jobId, Instant completedAt) {
        claims.computeIfAbsent(jobId, id -> ((ClaimResult.Claimed) store.claim(id, clock.instant(), LEASE, 1))
                .claimToken());
        store.complete(Completion.succeeded(jobId, claims.remove(jobId), new Generation("ok", 1, FinishReason.STOP),
                completedAt, new Timings(1, 2, 3, 1, 1)));
    }

    /** The clock's time now. */
    Instant now() {
        return clock.instant();
    }

    /** A worker claims the job and stores a model error now. */
    void fail(String jobId) {
        start(jobId);
        store.complete(Completion.failed(jobId, claims.remove(jobId),
                new JobError(JobErrorCode.MODEL_ERROR, "refused"), clock.instant(), new Timings(1, 2, 3, 1, 1)));
    }

    /** The client cancels the queued job now. */
    void cancel(String jobId) {
        store.cancel(jobId, clock.instant());
    }

    void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    /** {@code GET /batches/{id}} from alice. */
    static APIGatewayV2HTTPEvent getBatch(String batchId) {
        return event("GET /batches/{id}", "/batches/" + batchId, batchId, null);
    }

    /** {@code GET /batches/{id}/results} from alice with these query parameters (null: none). */
    static APIGatewayV2HTTPEvent getResults(String batchId, Map<String, String> query) {
        return event("GET /batches/{id}/results", "/batches/" + batchId + "/results", batchId, query);
    }

    /** The same request, authenticated as bob. */
    static APIGatewayV2HTTPEvent asBob(APIGatewayV2HTTPEvent event) {
        var jwt = event.getRequestContext().getAuthorizer().getJwt();
        Map<String, String> claims = new HashMap<>(jwt.getClaims());
        claims.put("sub", "user-bob");
        jwt.setClaims(claims);
        return event;
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String path, String batchId,
                                               Map<String, String> query) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("apigw/get-job.json");
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.getRequestContext().setRouteKey(routeKey);
        event.getRequestContext().getHttp().setPath(path);
        event.setPathParameters(Map.of("id", batchId));
        event.setQueryStringParameters(query);
        return event;
    }
}
