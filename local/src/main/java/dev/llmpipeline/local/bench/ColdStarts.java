package dev.llmpipeline.local.bench;

import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.template.FunctionSpec;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts as Lambda has them: each function in a fresh JVM, built from its environment, answering its first
 * event. The JVM runs the function's Lambda jar with the flags Lambda's Java runtime uses for the function's memory
 * (serial GC, a heap of about 85% of it) and the template's {@code JAVA_TOOL_OPTIONS}; the clock runs from the
 * process start to the first response.
 */
final class ColdStarts {
    private static final List<String> PROBE_CLASSES = List.of("ColdStartProbe.class",
            "ColdStartProbe$ProbeContext.class", "ColdStartProbe$ProbeContext$1.class");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    /** One fresh JVM's figures: to the handler built (JVM start and init), and to the first response. */
    record ColdStart(String function, long initMs, long firstResponseMs, String response) {}

    private final LocalStack stack;
    private final Path home;
    private final Path probeClasses;

    ColdStarts(LocalStack stack, Path home, Path workDir) {
        this.stack = stack;
        this.home = home;
        this.probeClasses = extractProbe(workDir);
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
        FunctionSpec function = stack.template().functions().stream()
                .filter(candidate -> candidate.logicalId().equals(functionLogicalId)).findFirst().orElseThrow();
        Path jar = home.resolve(function.codeUri());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn package first");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                "-XX:+UseSerialGC", "-Xmx" + function.memoryMb() * 85 / 100 + "m"));
        // For experiments with the JVM's options: -Dpipeline.bench.jvm-options="-Xlog:class+load:file=x.log"
        String extra = System.getProperty("pipeline.bench.jvm-options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", jar + File.pathSeparator + probeClasses,
                ColdStartProbe.class.getName(), function.handler().split("::", 2)[0]));
        command.addAll(List.of(event));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(stack.environment(functionLogicalId));
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
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

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Copies the probe's class files, and only them, into a folder of their own for the fresh JVM's class path. */
    private static Path extractProbe(Path workDir) {
        Path classes = workDir.resolve("probe-classes");
        Path target = classes.resolve(ColdStartProbe.class.getPackageName().replace('.', '/'));
        try {
            Files.createDirectories(target);
            for (String name : PROBE_CLASSES) {
                try (InputStream bytes = ColdStartProbe.class.getResourceAsStream(name)) {
                    if (bytes == null) {
                        throw new IllegalStateException("class file " + name + " is missing");
                    }
                    Files.copy(bytes, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }
}
