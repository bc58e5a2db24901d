package dev.llmpipeline.local.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /endpoints/{name}/invocations} as a SageMaker endpoint running the Hugging Face
 * inference toolkit would: every endpoint name is served by the same model and the same instances.
 *
 * <p>Throttling and injected 5xx answers come from SageMaker's front end, so they answer after a few
 * (scaled) milliseconds without waiting for an instance. Everything else waits for one of the
 * {@code instances} permits of a fair semaphore, as calls queue at a model server that serves one call at
 * a time, and holds it while the model "runs": the handler sleeps the latency model's duration, the point
 * of an emulator, not a way to wait for something. Thread-safe; one instance serves all calls.
 */
final class InvocationHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InvocationHandler.class);
    private static final Pattern PATH = Pattern.compile("/endpoints/([^/]+)/invocations");
    private static final double FAULT_MILLIS = 5;
    private static final String INJECTED_FAILURE = "An internal failure occurred (injected by the endpoint emulator).";

    private final EmulatorSettings settings;
    private final Semaphore instances;
    private final Random random;
    private final GreedyTextModel model = new GreedyTextModel();
    private final CallLog callLog;
    private final ObjectMapper mapper;

    InvocationHandler(EmulatorSettings settings, CallLog callLog, ObjectMapper mapper) {
        this.settings = settings;
        this.instances = new Semaphore(settings.instances(), true);
        this.random = new Random(settings.seed());
        this.callLog = callLog;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        } catch (InterruptedException e) {
            // Only close() interrupts us: the emulator is stopping, so the call is abandoned unanswered.
            Thread.currentThread().interrupt();
            LOG.debug("Call abandoned: the endpoint emulator is stopping");
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        Instant receivedAt = Instant.now();
        long startNanos = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            EndpointResponse.notFound(path).writeTo(exchange, mapper);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            EndpointResponse.methodNotAllowed(exchange.getRequestMethod(), "POST").writeTo(exchange, mapper);
            return;
        }
        long arrival = callLog.arrive();
        String endpointName = matcher.group(1);
        InvocationRequest request = null;
        EndpointResponse response;
        try {
            request = InvocationRequest.parse(exchange.getRequestBody().readAllBytes(), mapper);
            response = invoke(endpointName, request);
        } catch (InvocationRequest.InvalidRequestException e) {
            response = EndpointResponse.validationError(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Endpoint {} failed on a call", endpointName, e);
            response = EndpointResponse.internalFailure("The endpoint emulator failed: " + e);
        }
        long latencyMillis = (System.nanoTime() - startNanos) / 1_000_000;
        // Recorded before answering, so a caller that has its answer also finds its call recorded.
        callLog.record(arrival, new RecordedCall(endpointName, receivedAt,
                request == null ? 0 : request.inputs().size(),
                request == null ? List.of() : request.inputs().stream().map(String::length).toList(),
                request == null ? Map.of() : request.parameters(),
                response.status(), response.errorType(), latencyMillis));
        LOG.debug("Endpoint {} answered {} {} to {} prompts in {} ms", endpointName, response.status(),
                response.errorType(), request == null ? 0 : request.inputs().size(), latencyMillis);
        response.writeTo(exchange, mapper);
    }

    private EndpointResponse invoke(String endpointName, InvocationRequest request) throws InterruptedException {
        CallPlan plan = CallPlan.draw(random, settings);
        if (plan.fault() != CallPlan.Fault.NONE) {
            sleepScaled(FAULT_MILLIS);
            return plan.fault() == CallPlan.Fault.THROTTLE ? EndpointResponse.throttled()
                    : EndpointResponse.internalFailure(INJECTED_FAILURE);
        }
        instances.acquire();
        try {
            int poisoned = poisonedPrompt(request.inputs());
            if (poisoned >= 0) {
                // The container rejects the call while reading it: it pays the overhead and prefill, no decoding.
                int firstBatch = Math.min(request.batchSize(), request.inputs().size());
                sleepScaled(settings.latency().expectedMillis(firstBatch, longestPrompt(request.inputs()), 0)
                        * plan.durationFactor(settings));
                return EndpointResponse.modelError(endpointName, "Prompt " + (poisoned + 1) + " of "
                        + request.inputs().size() + " contains the poison marker \"" + settings.poisonMarker()
                        + "\"; the model cannot process it (injected by the endpoint emulator)", mapper);
            }
            List<GreedyTextModel.Generation> generations = generate(request, plan);
            sleepScaled(modelMillis(request, generations) * plan.durationFactor(settings));
            return EndpointResponse.ok(generations);
        } finally {
            instances.release();
        }
    }

    private List<GreedyTextModel.Generation> generate(InvocationRequest request, CallPlan plan) {
        List<GreedyTextModel.Generation> generations = new ArrayList<>(request.inputs().size());
        for (int i = 0; i < request.inputs().size(); i++) {
            String prompt = request.inputs().get(i);
            generations.add(request.doSample()
                    // Mixing in the index lets equal prompts of one call sample differently.
                    ? model.sampled(prompt, request.maxNewTokens(), plan.samplingSeed() + i * 0x9E3779B97F4A7C15L)
                    : model.greedy(prompt, request.maxNewTokens()));
        }
        return generations;
    }

    /**
     * The pipeline runs the list in batches of {@code batch_size}; each batch is padded to its longest
     * prompt and decodes until its longest generation stops.
     */
    private double modelMillis(InvocationRequest request, List<GreedyTextModel.Generation> generations) {
        double millis = 0;
        for (int from = 0; from < generations.size(); from += request.batchSize()) {
            int to = Math.min(from + request.batchSize(), generations.size());
            int newTokens = generations.subList(from, to).stream()
                    .mapToInt(GreedyTextModel.Generation::tokens).max().orElse(0);
            millis += settings.latency().expectedMillis(to - from,
                    longestPrompt(request.inputs().subList(from, to)), newTokens);
        }
        return millis;
    }

    private int poisonedPrompt(List<String> inputs) {
        String marker = settings.poisonMarker();
        for (int i = 0; marker != null && i < inputs.size(); i++) {
            if (inputs.get(i).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static int longestPrompt(List<String> prompts) {
        return prompts.stream().mapToInt(LatencyModel::tokensOf).max().orElse(1);
    }

    private void sleepScaled(double millis) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(Math.round(millis * settings.timeScale() * 1_000_000));
    }
}
