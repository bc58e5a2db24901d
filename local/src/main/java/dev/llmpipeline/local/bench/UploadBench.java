package dev.llmpipeline.local.bench;

import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.stack.LocalStack;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the acceptance of a JSONL batch: {@code POST /batches} from the first byte sent to the {@code 202}, which the
 * API answers only once every line is validated, stored and enqueued. Smaller uploads warm the stack first (this
 * JVM's JIT and the local servers'). Only acceptance is measured here, so each batch is cancelled as soon as it is
 * accepted and its messages are purged from the queue, as an operator would: left there, the worker would spend the
 * next minute skipping cancelled jobs on the same two cores as the next upload.
 */
final class UploadBench {
    private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(2);

    private final LocalStack stack;
    private final PipelineClient client;
    private final BenchPlan plan;
    private final Path workDir;

    UploadBench(LocalStack stack, PipelineClient client, BenchPlan plan, Path workDir) {
        this.stack = stack;
        this.client = client;
        this.plan = plan;
        this.workDir = workDir;
    }

    /** @return per timed upload, seconds from its first byte to the API's answer */
    List<Double> acceptanceSeconds() throws InterruptedException {
        Path warmup = write("warmup.jsonl", plan.upload().warmupLines());
        for (int i = 0; i < plan.upload().warmups(); i++) {
            discard(upload(warmup));
        }
        Path file = write("upload.jsonl", plan.upload().lines());
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < plan.upload().timed(); i++) {
            long start = System.nanoTime();
            String batchId = upload(file);
            seconds.add((System.nanoTime() - start) / 1e9);
            discard(batchId);
        }
        return seconds;
    }

    private String upload(Path file) {
        var response = client.uploadBatch(file);
        if (response.status() != 202) {
            throw new IllegalStateException("the upload of " + file.getFileName() + " answered " + response.status()
                    + ": " + response.body());
        }
        return response.body().path("batch_id").asText();
    }

    /** Cancels a batch, purges the queue and waits until no message of it is left in flight. */
    private void discard(String batchId) throws InterruptedException {
        client.cancelBatch(batchId);
        stack.sqs().purgeQueue(request -> request.queueUrl(stack.queueUrl("JobsQueue")));
        awaitEmptyQueue();
    }

    private void awaitEmptyQueue() throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN_DEADLINE);
        while (stack.queueDepth("JobsQueue") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the warm-up batch's messages did not drain in " + DRAIN_DEADLINE);
            }
            Thread.sleep(200);
        }
    }

    private Path write(String name, int lines) {
        Path file = workDir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("custom_id", "line-" + i);
                line.put("prompt", BenchPlan.prompt(i));
                line.put("max_new_tokens", plan.maxNewTokens());
                out.write(Json.write(line));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
