package dev.llmpipeline.result;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.testing.CountingJobStore;
import dev.llmpipeline.core.testing.FakeLambdaContext;
import dev.llmpipeline.core.testing.InMemoryJobStore;
import dev.llmpipeline.core.testing.MutableClock;
import dev.llmpipeline.core.time.Pause;
import dev.llmpipeline.core.testing.LocalTelemetry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The result function over fakes. Its pause does not sleep: it records the wait, moves the clock by it, and lets a
 * test run something after a given number of pauses (a worker finishing the job meanwhile).
 */
final class ResultFixture {
    /** The job of the events under {@code src/test/resources/apigw/}. */
    static final String JOB_ID = "0b9c7f4e-2f7a-4f0e-9d3b-7f6d1c2a9e01";
    static final String ALICE = "user-alice";
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    final InMemoryJobStore store = new InMemoryJobStore();
    final CountingJobStore countingStore = new CountingJobStore(store);
    final MutableClock clock = new MutableClock(CREATED.plusMillis(100));
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private volatile int completeAfterPauses = -1;
    private final Pause pause = duration -> {
        pauses.add(duration);
        clock.advance(duration);
        if (pauses.size() == completeAfterPauses) {
            complete(JOB_ID);
        }
    };
    final ResultHandler handler = new ResultHandler(new JobReader(countingStore, clock, pause),
            new BatchReader(store, clock, Duration.ofSeconds(2)), Duration.ofSeconds(20),
            LocalTelemetry.of(ResultHandler.SERVICE));
    final FakeLambdaContext context = new FakeLambdaContext("2f7c9e4b-result-000001", 25_000);

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, context);
    }

    /** Stores alice's job, queued. */
    Job queueJob() {
        Job job = Job.queued(JOB_ID, ALICE, "Translate to German: good morning", new GenerationParams(64), "row-17",
                null, Map.of(), CREATED, "1-67a0c0de-0123456789abcdef01234567");
        store.create(job);
        return job;
    }

    /** Makes a worker finish the job during the given pause (counting from 1). */
    void completeDuringPause(int pauseNumber) {
        completeAfterPauses = pauseNumber;
    }

    void complete(String jobId) {
        var claim = (ClaimResult.Claimed) store.claim(jobId, clock.instant(), Duration.ofSeconds(75), 1);
        store.complete(Completion.succeeded(jobId, claim.claimToken(), new Generation("Guten Morgen", 4,
                FinishReason.STOP), clock.instant(), new Timings(20, 150, 300, 1, 8)));
    }

    static APIGatewayV2HTTPEvent getJob(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("apigw/get-job.json");
        event.setQueryStringParameters(query);
        return event;
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.parse(response.getBody());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
