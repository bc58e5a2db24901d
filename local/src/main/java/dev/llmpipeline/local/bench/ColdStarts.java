package dev.llmpipeline.local.bench;

import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.local.stack.LocalStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts as Lambda has them: each function in a fresh {@link FunctionJvm}, built from its environment, answering
 * its first event; the clock runs from the process start to the first response.
 */
final class ColdStarts {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    /** One fresh JVM's figures: to the handler built (JVM start and init), and to the first response. */
    record ColdStart(String function, long initMs, long firstResponseMs, String response) {}

    private final FunctionJvm jvm;
    private final LocalStack stack;

    ColdStarts(FunctionJvm jvm) {
        this.jvm = jvm;
        this.stack = jvm.stack();
    }

    /** Submit: a {@code POST /jobs}. */
    ColdStart submit() {
        return probe("SubmitFunction", "post-job", "Cold start probe: what is a cold start");
    }

    /** Worker: one SQS message of a queued job, processed to its end (one model call of 8 tokens included). */
    ColdStart worker(String jobId) {
        return probe("WorkerFunction", "sqs-job", jobId, stack.queueArn("JobsQueue"));
    }

    /** Result: a {@code GET /jobs/{id}}. */
    ColdStart result(String jobId) {
        return probe("ResultFunction", "get-job", jobId);
    }

    /** Stores a queued job the way the submit function would, but sends no message: the probe delivers it. */
    String queuedJob() {
        String jobId = JobIds.newId();
        jobStore().create(Job.queued(jobId, ColdStartProbe.OWNER, "Cold start probe: why do JVMs start slowly",
                new GenerationParams(8), null, null, Map.of(), Instant.now(), null));
        return jobId;
    }

    /** Whether the worker probe's job ended as it should. */
    boolean succeeded(String jobId) {
        return jobStore().find(jobId).map(job -> job.status() == JobStatus.SUCCEEDED).orElse(false);
    }

    private DynamoDbJobStore jobStore() {
        return new DynamoDbJobStore(stack.dynamoDb(), stack.tableName("JobsTable"), Duration.ofDays(1));
    }

    private ColdStart probe(String functionLogicalId, String... event) {
        long start = System.nanoTime();
        try {
            Process process = jvm.start(functionLogicalId, ColdStartProbe.class, List.of(event));
            long initAt = -1;
            String response = null;
            try (BufferedReader lines = reader(process.getInputStream())) {
                for (String line = lines.readLine(); line != null && response == null; line = lines.readLine()) {
                    if (line.equals(ColdStartProbe.INIT)) {
                        initAt = System.nanoTime();
                    } else if (line.startsWith(ColdStartProbe.RESPONSE + " ")) {
                        response = line.substring(ColdStartProbe.RESPONSE.length() + 1);
                    }
                }
                long respondedAt = System.nanoTime();
                if (!process.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                if (response == null || initAt < 0) {
                    throw new IllegalStateException(functionLogicalId + " never answered in its fresh JVM (exit "
                            + process.exitValue() + ")");
                }
                return new ColdStart(functionLogicalId, millis(initAt - start), millis(respondedAt - start), response);
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + functionLogicalId, e);
        }
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
