package dev.llmpipeline.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TraceScopeTest {
    private static final String TRACE = "1-67a0c0de-0123456789abcdef01234567";
    private static final String OTHER_TRACE = "1-67a0c0de-fedcba9876543210fedcba98";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T01:00:00.123456Z"));
    private final List<JsonNode> emitted = new CopyOnWriteArrayList<>();
    private final Tracer tracer = new Tracer(document -> emitted.add(parse(document.toJson())), clock);

    @Test
    void aSubsegmentHangsUnderTheHeadersParentWithItsTimesInEpochSeconds() {
        TraceScope scope = tracer.scope("Root=" + TRACE + ";Parent=53995c3f42cd8ad8;Sampled=1");
        try (Span span = scope.subsegment("submit job")) {
            span.annotate("job_id", "job-1");
            clock.advance(Duration.ofMillis(250));
        }

        JsonNode document = single();
        assertThat(document.path("name").asText()).isEqualTo("submit job");
        assertThat(document.path("id").asText()).matches("[0-9a-f]{16}");
        assertThat(document.path("trace_id").asText()).isEqualTo(TRACE);
        assertThat(document.path("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(document.path("type").asText()).isEqualTo("subsegment");
        assertThat(document.path("start_time").decimalValue()).isEqualByComparingTo("1796432400.123456");
        assertThat(document.path("end_time").decimalValue()).isEqualByComparingTo("1796432400.373456");
        assertThat(document.path("annotations")).isEqualTo(Json.mapper().valueToTree(Map.of("job_id", "job-1")));
        assertThat(document.has("in_progress")).isFalse();
    }

    @Test
    void aSegmentOfAFunctionContinuesTheTraceOfItsHeader() {
        tracer.segment("Root=" + TRACE + ";Parent=53995c3f42cd8ad8;Sampled=1", "WorkerFunction").close();

        JsonNode document = single();
        assertThat(document.path("origin").asText()).isEqualTo("AWS::Lambda::Function");
        assertThat(document.path("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(document.has("type")).isFalse();
    }

    @Test
    void workInsideASpanHangsUnderItAndClosingTwiceEmitsOnce() {
        Span outer = tracer.segment("Root=" + TRACE + ";Sampled=1", "SubmitFunction");
        Span inner = outer.scope().subsegment("DynamoDB");

        inner.close();
        outer.close();
        outer.close();

        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(0).path("parent_id").asText()).isEqualTo(emitted.get(1).path("id").asText());
        assertThat(emitted.get(1).has("parent_id")).isFalse();
    }

    @Test
    void aUnionRecordsTheSameWorkInEveryTrace() {
        TraceScope first = tracer.scope("Root=" + TRACE + ";Parent=aaaaaaaaaaaaaaaa;Sampled=1");
        TraceScope second = tracer.scope("Root=" + OTHER_TRACE + ";Parent=bbbbbbbbbbbbbbbb;Sampled=1");

        TraceScope.union(List.of(first, TraceScope.NONE, second)).subsegment("micro-batch")
                .annotate("micro_batch_size", 2).close();

        assertThat(emitted).extracting(document -> document.path("trace_id").asText())
                .containsExactly(TRACE, OTHER_TRACE);
        assertThat(emitted).extracting(document -> document.path("parent_id").asText())
                .containsExactly("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb");
    }

    @Test
    void recordsNothingWhenNotSampledWithoutHeaderOrWithoutDaemon() {
        tracer.scope("Root=" + TRACE + ";Parent=53995c3f42cd8ad8;Sampled=0").subsegment("x").close();
        tracer.segment("Root=" + TRACE + ";Parent=53995c3f42cd8ad8;Sampled=0", "x").close();
        tracer.scope(null).subsegment("x").close();
        Tracer.fromEnvironment(Map.of()).segment("Root=" + TRACE + ";Sampled=1", "x").close();

        assertThat(emitted).isEmpty();
        assertThat(Tracer.fromEnvironment(Map.of()).isEnabled()).isFalse();
    }

    @Test
    void anActivationRestoresTheScopeBeforeItAndWrappedWorkCarriesTheScopeToAnotherThread() {
        TraceScope scope = tracer.scope("Root=" + TRACE + ";Parent=53995c3f42cd8ad8;Sampled=1");

        TraceScope seenElsewhere;
        try (TraceScope.Activation active = scope.activate()) {
            assertThat(TraceScope.current()).isSameAs(scope);
            seenElsewhere = CompletableFuture.supplyAsync(TraceScope.current().wrap(TraceScope::current)).join();
        }

        assertThat(seenElsewhere).isSameAs(scope);
        assertThat(TraceScope.current()).isSameAs(TraceScope.NONE);
        assertThat(scope.traceId()).isEqualTo(TRACE);
    }

    private JsonNode single() {
        assertThat(emitted).hasSize(1);
        return emitted.get(0);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
