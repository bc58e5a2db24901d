package dev.llmpipeline.worker;

import static dev.llmpipeline.worker.WorkerFixture.claimed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.port.EndpointException;
import dev.llmpipeline.core.testing.ScriptedModelEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MicroBatchEngineTest {
    private final WorkerFixture fixture = new WorkerFixture();

    @Test
    void groupsJobsByTheirBoundAndCutsGroupsAtTheMicroBatchSize() {
        List<ClaimedJob> jobs = List.of(claimed("a", "a", 64), claimed("b", "b", 128), claimed("c", "c", 64),
                claimed("d", "d", 128), claimed("e", "e", 128), claimed("f", "f", 64), claimed("g", "g", 128));

        List<List<ClaimedJob>> microBatches = fixture.engine(2).microBatches(jobs);

        assertThat(microBatches).extracting(batch -> batch.stream().map(job -> job.job().jobId()).toList())
                .containsExactlyInAnyOrder(List.of("a", "c"), List.of("f"), List.of("b", "d"), List.of("e", "g"));
    }

    @Test
    void sendsEachMicroBatchWithItsJobsBound() {
        List<ClaimedJob> jobs = List.of(claimed("a", "first", 64), claimed("b", "second", 128),
                claimed("c", "third", 64));

        run(fixture.engine(8), jobs, fixture.farDeadline());

        assertThat(fixture.endpoint.calls()).extracting(call -> call.params().maxNewTokens(), call -> call.prompts())
                .containsExactlyInAnyOrder(
                        tuple(64, List.of("first", "third")),
                        tuple(128, List.of("second")));
    }

    @Test
    void hasEveryJobGeneratedWithTheSizeAndTimeOfItsCall() {
        fixture.endpoint.takes(Duration.ofMillis(300), fixture.clock);
        List<ClaimedJob> jobs = List.of(claimed("a", "first", 16), claimed("b", "second", 16),
                claimed("c", "third", 16));

        List<Outcome> outcomes = run(fixture.engine(2), jobs, fixture.farDeadline());

        assertThat(outcomes).hasSize(3).allSatisfy(outcome -> {
            assertThat(outcome).isInstanceOf(Outcome.Generated.class);
            assertThat(((Outcome.Generated) outcome).modelMillis()).isEqualTo(300);
        });
        assertThat(outcomes).extracting(outcome -> ((Outcome.Generated) outcome).batchSize())
                .containsExactlyInAnyOrder(2, 2, 1);
        assertThat(outcomes).extracting(outcome -> ((Outcome.Generated) outcome).generation())
                .contains(ScriptedModelEndpoint.outputFor("second", new GenerationParams(16)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 7})
    void isolatesAPoisonPromptInABatchOfEightWithAtMostSevenCalls(int poisonAt) {
        fixture.endpoint.poisonPrompt("<<poison>>", "Input validation error: token ids out of range");
        List<ClaimedJob> jobs = IntStream.range(0, 8)
                .mapToObj(index -> claimed("job-" + index, index == poisonAt ? "bad <<poison>>" : "fine " + index, 32))
                .toList();

        List<Outcome> outcomes = run(fixture.engine(8), jobs, fixture.farDeadline());

        assertThat(fixture.endpoint.calls()).hasSizeLessThanOrEqualTo(1 + 2 * 3);
        assertThat(outcomes).hasSize(8);
        assertThat(outcomes).filteredOn(Outcome.Refused.class::isInstance).singleElement().satisfies(outcome -> {
            assertThat(outcome.claimed().job().jobId()).isEqualTo("job-" + poisonAt);
            assertThat(((Outcome.Refused) outcome).message()).isEqualTo("Input validation error: token ids out of range");
        });
        assertThat(outcomes).filteredOn(Outcome.Generated.class::isInstance).hasSize(7);
        assertThat(fixture.waits).as("a model error is not retried").isEmpty();
    }

    @Test
    void retriesTransientFailuresWithGrowingJitteredWaitsAndSucceeds() {
        fixture.endpoint.failNextCalls(EndpointException.Kind.TRANSIENT, 3);
        List<ClaimedJob> jobs = List.of(claimed("a", "first", 32), claimed("b", "second", 32));

        List<Outcome> outcomes = run(fixture.engine(8), jobs, fixture.farDeadline());

        assertThat(outcomes).hasSize(2).allMatch(Outcome.Generated.class::isInstance);
        assertThat(fixture.endpoint.calls()).hasSize(4)
                .allSatisfy(call -> assertThat(call.prompts()).containsExactly("first", "second"));
        assertThat(fixture.waits).hasSize(3);
        for (int retry = 0; retry < 3; retry++) {
            assertThat(fixture.waits.get(retry)).isBetween(Duration.ZERO, Duration.ofMillis(100L << retry));
        }
    }

    @Test
    void givesUpWhenTheNextRetryCannotStartBeforeTheDeadline() {
        fixture.endpoint.failEveryCall(EndpointException.Kind.TRANSIENT).takes(Duration.ofMillis(40), fixture.clock);
        Instant deadline = fixture.clock.instant().plusMillis(250);
        List<ClaimedJob> jobs = List.of(claimed("a", "first", 32), claimed("b", "second", 32));

        List<Outcome> outcomes = run(fixture.engine(8), jobs, deadline);

        assertThat(outcomes).hasSize(2).allMatch(Outcome.Unfinished.class::isInstance);
        assertThat(fixture.endpoint.calls()).isNotEmpty().allSatisfy(call ->
                assertThat(call.timeout()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(250)));
        assertThat(fixture.waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMillis(250)));
    }

    @Test
    void callsACallCutOffByItsTimeoutOutOfTime() {
        fixture.endpoint.failEveryCall(EndpointException.Kind.TIMEOUT);

        List<Outcome> outcomes = run(fixture.engine(8), List.of(claimed("a", "first", 32)), fixture.farDeadline());

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Outcome.Unfinished.class,
                unfinished -> assertThat(unfinished.outOfTime()).isTrue());
        assertThat(fixture.endpoint.calls()).as("no retry in less time than the first call had").hasSize(1);
    }

    @Test
    void blamesTheFailuresNotTheClockWhenRetriesLeftTooLittleTime() {
        fixture.endpoint.failNextCalls(EndpointException.Kind.TRANSIENT, 2).failEveryCall(EndpointException.Kind.TIMEOUT);

        List<Outcome> outcomes = run(fixture.engine(8), List.of(claimed("a", "first", 32)), fixture.farDeadline());

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Outcome.Unfinished.class,
                unfinished -> assertThat(unfinished.outOfTime()).isFalse());
    }

    @Test
    void neverGivesACallMoreTimeThanIsLeft() {
        fixture.endpoint.failNextCalls(EndpointException.Kind.TRANSIENT, 2);
        Instant deadline = fixture.clock.instant().plusSeconds(30);

        run(fixture.engine(8), List.of(claimed("a", "first", 32)), deadline);

        Instant now = fixture.clock.instant();
        assertThat(fixture.endpoint.calls().get(0).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fixture.endpoint.calls().get(2).timeout()).isEqualTo(Duration.between(now, deadline));
    }

    @Test
    void startsNoCallOnceTheDeadlineHasPassed() {
        Instant deadline = fixture.clock.instant();

        List<Outcome> outcomes = run(fixture.engine(8), List.of(claimed("a", "first", 32)), deadline);

        assertThat(outcomes).singleElement().isInstanceOf(Outcome.Unfinished.class);
        assertThat(fixture.endpoint.calls()).isEmpty();
    }

    @Test
    void leavesAPermanentFailureUnfinishedWithoutRetrying() {
        fixture.endpoint.failNextCalls(EndpointException.Kind.PERMANENT, 1);

        List<Outcome> outcomes = run(fixture.engine(8), List.of(claimed("a", "first", 32), claimed("b", "b", 32)),
                fixture.farDeadline());

        assertThat(outcomes).hasSize(2).allMatch(Outcome.Unfinished.class::isInstance);
        assertThat(fixture.endpoint.calls()).hasSize(1);
        assertThat(fixture.waits).isEmpty();
    }

    private static List<Outcome> run(MicroBatchEngine engine, List<ClaimedJob> jobs, Instant deadline) {
        List<Outcome> outcomes = new ArrayList<>();
        engine.run(jobs, deadline, microBatch -> {
            synchronized (outcomes) {
                outcomes.addAll(microBatch);
            }
        });
        return outcomes;
    }
}
