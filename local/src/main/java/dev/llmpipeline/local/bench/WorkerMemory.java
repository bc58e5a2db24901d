package dev.llmpipeline.local.bench;

import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The worker's memory under the chaos load, in one execution environment sized like the function: the jobs (1% of
 * them poison) are stored as the submit function would, then {@link WorkerLoadProbe} feeds them to a fresh worker
 * JVM in events of the template's batch size, against an endpoint that fails and throttles.
 */
final class WorkerMemory {
    static final String POISON_MARKER = "__POISON__";
    private static final int POISON_EVERY = 100;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** What the environment needed: heap pools' peak, heap live after a full GC, and the process's peak RSS. */
    record Usage(long heapPeakMb, long heapLiveMb, long rssPeakMb, int jobs, int invocations, int returned) {}

    private final FunctionJvm jvm;
    private final Path workDir;

    WorkerMemory(FunctionJvm jvm, Path workDir) {
        this.jvm = jvm;
        this.workDir = workDir;
    }

    Usage underLoad(int jobs, int maxNewTokens) {
        var stack = jvm.stack();
        var store = new DynamoDbJobStore(stack.dynamoDb(), stack.tableName("JobsTable"), Duration.ofDays(1));
        List<String> ids = new ArrayList<>(jobs);
        for (int i = 1; i <= jobs; i++) {
            String jobId = JobIds.newId();
            String prompt = BenchPlan.prompt(i) + (i % POISON_EVERY == 0 ? " " + POISON_MARKER : "");
            store.create(Job.queued(jobId, ColdStartProbe.OWNER, prompt, new GenerationParams(maxNewTokens), null,
                    null, Map.of(), Instant.now(), null));
            ids.add(jobId);
        }
        Map<String, String> environment = stack.environment("WorkerFunction");
        int batchSize = stack.template().functions().stream()
                .filter(function -> function.logicalId().equals("WorkerFunction")).findFirst()
                .flatMap(function -> function.sqsEvent()).orElseThrow().batchSize();
        try {
            Path idFile = Files.write(workDir.resolve("worker-load-jobs.txt"), ids, StandardCharsets.UTF_8);
            Process process = jvm.start("WorkerFunction", WorkerLoadProbe.class, List.of(idFile.toString(),
                    stack.queueArn("JobsQueue"), Integer.toString(batchSize), environment.get("MAX_RECEIVE_COUNT")));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(WorkerLoadProbe.MEMORY + " ")) {
                        return parse(line, jobs);
                    }
                }
                throw new IllegalStateException("the worker under load reported nothing (exit "
                        + (process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? process.exitValue() : "none")
                        + "): out of memory?");
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the worker was under load", e);
        }
    }

    private static Usage parse(String line, int jobs) {
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring(WorkerLoadProbe.MEMORY.length() + 1).split(" ")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], Long.parseLong(parts[1]));
        }
        return new Usage(values.get("heap_peak_mb"), values.get("heap_live_mb"), values.get("rss_peak_mb"), jobs,
                values.get("invocations").intValue(), values.get("returned").intValue());
    }
}
