package dev.llmpipeline.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.endpoint.RecordedCall;
import dev.llmpipeline.local.stack.LocalStack;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Drives a stack whose endpoint and worker fail on purpose: submits jobs (a share of them poison), follows every
 * job to its end through the API, then checks the guarantees: nothing lost, nothing completed twice, poison jobs
 * failed with {@code model_error}, the rest succeeded, the dead-letter queue drained.
 */
public final class ChaosRun {
    private static final int CLIENT_THREADS = 8;

    private final LocalStack stack;
    private final PipelineClient client;
    private final String poisonMarker;

    public ChaosRun(LocalStack stack, PipelineClient client, String poisonMarker) {
        this.stack = stack;
        this.client = client;
        this.poisonMarker = poisonMarker;
    }

    /**
     * @param poisonEvery every n-th job is poison (100 for 1%)
     * @param deadline    how long the jobs may take to end
     */
    public ChaosReport run(int jobs, int poisonEvery, int maxNewTokens, Duration deadline, PrintStream progress)
            throws InterruptedException {
        Instant start = Instant.now();
        Map<String, Boolean> poisonById = submit(jobs, poisonEvery, maxNewTokens);
        progress.printf("submitted %d jobs; following them to the end%n", poisonById.size());
        Map<String, JsonNode> finals = follow(poisonById.keySet(), start.plus(deadline));
        int deadLetters = drainedDepth("JobsDeadLetterQueue", Duration.ofSeconds(60));
        return report(poisonById, finals, deadLetters, Duration.between(start, Instant.now()));
    }

    private Map<String, Boolean> submit(int jobs, int poisonEvery, int maxNewTokens) throws InterruptedException {
        Map<String, Boolean> poisonById = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<?>> submissions = new ArrayList<>();
            for (int index = 1; index <= jobs; index++) {
                boolean poison = index % poisonEvery == 0;
                String prompt = "Chaos job " + index + ": explain retries with jitter" + (poison ? " " + poisonMarker : "");
                submissions.add(clients.submit(() -> {
                    var response = client.submit(prompt, maxNewTokens, null, Optional.empty());
                    if (response.status() != 202) {
                        throw new IllegalStateException("submit answered " + response.status() + ": " + response.body());
                    }
                    poisonById.put(response.body().path("job_id").asText(), poison);
                }));
            }
            for (Future<?> submission : submissions) {
                submission.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a submission failed", e.getCause());
        } finally {
            clients.shutdownNow();
        }
        return poisonById;
    }

    /** Long-polls every job until it is terminal or the deadline passes; returns each job as last seen. */
    private Map<String, JsonNode> follow(Iterable<String> jobIds, Instant deadline) throws InterruptedException {
        Map<String, JsonNode> finals = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        for (String jobId : jobIds) {
            clients.submit(() -> {
                JsonNode job;
                do {
                    long left = Math.max(0, Duration.between(Instant.now(), deadline).toSeconds());
                    job = client.job(jobId, (int) Math.min(20, left)).body();
                } while (!isTerminal(job) && Instant.now().isBefore(deadline));
                finals.put(jobId, job);
            });
        }
        clients.shutdown();
        clients.awaitTermination(Duration.between(Instant.now(), deadline).toMillis() + 60_000, TimeUnit.MILLISECONDS);
        return finals;
    }

    /** Waits for a queue to hold no message at all; returns what is left at the deadline. */
    private int drainedDepth(String queueLogicalId, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        int depth;
        do {
            depth = stack.queueDepth(queueLogicalId);
        } while (depth > 0 && Instant.now().isBefore(deadline) && pause());
        return depth;
    }

    private ChaosReport report(Map<String, Boolean> poisonById, Map<String, JsonNode> finals, int deadLetters,
                               Duration elapsed) {
        int lost = 0;
        int poisonFailed = 0;
        int othersSucceeded = 0;
        int otherOutcomes = 0;
        for (var entry : poisonById.entrySet()) {
            JsonNode job = finals.get(entry.getKey());
            String status = job == null ? "unknown" : job.path("status").asText();
            if (job == null || !isTerminal(job)) {
                lost++;
            } else if (entry.getValue() && status.equals("failed")
                    && job.path("error").path("code").asText().equals("model_error")) {
                poisonFailed++;
            } else if (!entry.getValue() && status.equals("succeeded")) {
                othersSucceeded++;
            } else {
                otherOutcomes++;
            }
        }
        List<RecordedCall> calls = stack.endpoint().calls();
        int poison = (int) poisonById.values().stream().filter(Boolean::booleanValue).count();
        return new ChaosReport(poisonById.size(), poison, lost, stack.ledger().jobsCompletedMoreThanOnce(),
                stack.ledger().suppressedCompletions(), poisonFailed, othersSucceeded, otherOutcomes, deadLetters,
                calls.size(), count(calls, call -> call.status() >= 500),
                count(calls, call -> "ThrottlingException".equals(call.errorType())),
                count(calls, call -> "ModelError".equals(call.errorType())),
                stack.ledger().crashedInvocations(), elapsed);
    }

    private static int count(List<RecordedCall> calls, Predicate<RecordedCall> test) {
        return (int) calls.stream().filter(test).count();
    }

    private static boolean isTerminal(JsonNode job) {
        String status = job.path("status").asText();
        return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
    }

    /** Paces the queue polls; returns true so it can sit in a loop condition. */
    private static boolean pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
