package dev.llmpipeline.core.testing;

import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.port.EndpointException;
import dev.llmpipeline.core.port.ModelEndpoint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ModelEndpoint} that answers from a script and records every call. By default each prompt gets
 * {@link #outputFor}; a test can queue failures for the next calls, make every call fail, or name a poison marker
 * that makes any call containing it fail with a model error, as a real model server fails the whole request.
 * Optionally each call takes time on a {@link MutableClock}. Thread-safe.
 */
public final class ScriptedModelEndpoint implements ModelEndpoint {

    /** One call as the endpoint received it. */
    public record Call(List<String> prompts, GenerationParams params, Duration timeout) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<EndpointException> scriptedFailures = new ArrayDeque<>();
    private EndpointException.Kind failingKind;
    private String poisonMarker;
    private String poisonMessage;
    private MutableClock clock;
    private Duration latency = Duration.ZERO;

    /** Makes the next {@code count} calls fail with {@code kind}, after any failures queued before. */
    public synchronized ScriptedModelEndpoint failNextCalls(EndpointException.Kind kind, int count) {
        for (int index = 0; index < count; index++) {
            scriptedFailures.add(new EndpointException(kind, "scripted " + kind + " failure"));
        }
        return this;
    }

    /** Makes every call fail with {@code kind} once the queued failures are used up. */
    public synchronized ScriptedModelEndpoint failEveryCall(EndpointException.Kind kind) {
        this.failingKind = kind;
        return this;
    }

    /** Fails any call with a prompt containing {@code marker} as a model error carrying {@code message}. */
    public synchronized ScriptedModelEndpoint poisonPrompt(String marker, String message) {
        this.poisonMarker = marker;
        this.poisonMessage = message;
        return this;
    }

    /** Makes every call, failed or not, move {@code clock} on by {@code perCall}. */
    public synchronized ScriptedModelEndpoint takes(Duration perCall, MutableClock clock) {
        this.latency = perCall;
        this.clock = clock;
        return this;
    }

    @Override
    public List<Generation> generate(List<String> prompts, GenerationParams params, Duration timeout) {
        EndpointException failure;
        synchronized (this) {
            calls.add(new Call(List.copyOf(prompts), params, timeout));
            if (clock != null) {
                clock.advance(latency);
            }
            failure = failureFor(prompts);
        }
        if (failure != null) {
            throw failure;
        }
        List<Generation> generations = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            generations.add(outputFor(prompt, params));
        }
        return generations;
    }

    private EndpointException failureFor(List<String> prompts) {
        if (!scriptedFailures.isEmpty()) {
            return scriptedFailures.poll();
        }
        if (failingKind != null) {
            return new EndpointException(failingKind, "endpoint failing (" + failingKind + ")");
        }
        if (poisonMarker != null && prompts.stream().anyMatch(prompt -> prompt.contains(poisonMarker))) {
            return new EndpointException(EndpointException.Kind.MODEL_ERROR, poisonMessage);
        }
        return null;
    }

    /** What this endpoint generates for a prompt that does not fail. */
    public static Generation outputFor(String prompt, GenerationParams params) {
        int tokens = Math.min(params.maxNewTokens(), 5);
        return new Generation("generated: " + prompt, tokens,
                tokens == params.maxNewTokens() ? FinishReason.LENGTH : FinishReason.STOP);
    }

    /** Every call, in the order they arrived. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every prompt sent, over all calls, in order. */
    public List<String> promptsSent() {
        return calls.stream().flatMap(call -> call.prompts().stream()).toList();
    }
}
