package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline upload FILE.jsonl}: uploads a batch with a bar of bytes sent, prints its id on stdout, then follows
 * the jobs with a bar of jobs ended until the batch is done; {@code -o} writes the results too.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload a JSONL batch (one request per line, each with a unique custom_id) and print its "
                + "id; then wait for its jobs, unless --no-wait. Exit 0 only if the upload was accepted and, when "
                + "waiting, every job succeeded. Progress goes to stderr.")
final class UploadCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "the batch: one JSON request per line")
    Path file;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "wait until every job of the batch has ended (default; --no-wait returns after the upload)")
    boolean waitForJobs;

    @Option(names = {"-o", "--output"}, paramLabel = "out.jsonl",
            description = "once the batch is done, write its results to this file (as `results -o` does)")
    Path output;

    @Option(names = "--limit", defaultValue = "100", description = "results per page request with -o, 1..1000 "
            + "(default ${DEFAULT-VALUE})")
    int pageSize;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ResultsCommand.checkPageSize(spec, pageSize);
        if (output != null && !waitForJobs) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "-o writes the results once the batch is done: it needs --wait (use `results -o` later)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            System.err.println("cannot read " + file);
            return 1;
        }
        PipelineClient api = client.client();
        ProgressBars bars = ProgressBars.onStderr();
        try {
            PipelineClient.Response uploaded;
            long size = Files.size(file);
            // An empty file has nothing to show progress of; the server says what is wrong with it.
            try (ProgressBar bar = size > 0 ? bars.bytes("upload", size) : null) {
                uploaded = api.uploadBatch(file, sent -> {
                    if (bar != null) {
                        bar.stepTo(sent);
                    }
                });
            }
            if (!uploaded.ok()) {
                UploadErrors.print(uploaded.status(), uploaded.body(), System.err);
                return 1;
            }
            String batchId = uploaded.body().path("batch_id").asText();
            System.out.println(batchId);
            System.out.flush();
            return waitForJobs ? follow(api, bars, uploaded.body()) : 0;
        } catch (ResponseException e) {
            return Output.print(e.response());
        } catch (UncheckedIOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** Waits for the batch with a bar of jobs ended, writes the results if asked; 0 if every job succeeded. */
    private int follow(PipelineClient api, ProgressBars bars, JsonNode accepted)
            throws IOException, InterruptedException {
        String batchId = accepted.path("batch_id").asText();
        BatchWatcher watcher = new BatchWatcher(() -> api.batch(batchId), Pause.sleeping());
        JsonNode batch;
        try (ProgressBar bar = bars.count("jobs", accepted.path("request_counts").path("total").asLong())) {
            batch = watcher.untilDone(update -> {
                bar.maxHint(update.path("request_counts").path("total").asLong());
                bar.stepTo(BatchWatcher.done(update));
                bar.setExtraMessage(BatchWatcher.shortCounts(update));
            });
        }
        System.err.printf("batch %s %s: %s%n", batchId, batch.path("status").asText(),
                BatchWatcher.endedCounts(batch));
        if (output != null) {
            long written = new ResultsDownload(api, bars, Pause.sleeping()).run(batchId, output, pageSize);
            System.err.printf("%d results written to %s%n", written, output);
        }
        JsonNode counts = batch.path("request_counts");
        return counts.path("succeeded").asLong() == counts.path("total").asLong() ? 0 : 1;
    }
}
