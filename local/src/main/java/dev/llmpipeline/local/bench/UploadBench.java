package dev.llmpipeline.local.bench;

import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times the acceptance of a JSONL batch: {@code POST /batches} from the first byte sent to the {@code 202}, which the
 * API answers only once every line is validated, stored and enqueued. A smaller upload warms the stack first. Each
 * batch is cancelled as soon as it is accepted: only its acceptance is measured here.
 */
final class UploadBench {
    private static final int WARMUP_LINES = 1_000;

    private final PipelineClient client;
    private final BenchPlan plan;
    private final Path workDir;

    UploadBench(PipelineClient client, BenchPlan plan, Path workDir) {
        this.client = client;
        this.plan = plan;
        this.workDir = workDir;
    }

    /** @return seconds from the first byte of the upload to the API's answer */
    double acceptanceSeconds() {
        upload(write("warmup.jsonl", WARMUP_LINES));
        Path file = write("upload.jsonl", plan.uploadLines());
        long start = System.nanoTime();
        upload(file);
        return (System.nanoTime() - start) / 1e9;
    }

    private void upload(Path file) {
        var response = client.uploadBatch(file);
        if (response.status() != 202) {
            throw new IllegalStateException("the upload of " + file.getFileName() + " answered " + response.status()
                    + ": " + response.body());
        }
        client.cancelBatch(response.body().path("batch_id").asText());
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
