package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.client.PipelineClient;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;

/**
 * Writes every result of a batch as JSONL ({@link ResultLines}) to a file or to stdout, with a bar of results written
 * against the batch's total on stderr. Shared by {@code results} and {@code upload -o}.
 */
final class ResultsDownload {
    private final PipelineClient api;
    private final ProgressBars bars;
    private final Pause pause;

    ResultsDownload(PipelineClient api, ProgressBars bars, Pause pause) {
        this.api = api;
        this.bars = bars;
        this.pause = pause;
    }

    /**
     * Writes the batch's results, waiting for the jobs still running, and returns how many were written.
     *
     * @param out      the file to write, or null for stdout
     * @param pageSize results per page request, 1..1000
     * @throws ResponseException if the API refuses the batch or a page
     */
    long run(String batchId, Path out, int pageSize) throws IOException, InterruptedException {
        PipelineClient.Response batch = new TransientRetry(pause).call(() -> api.batch(batchId));
        if (!batch.ok()) {
            throw new ResponseException("batch " + batchId, batch);
        }
        long total = batch.body().path("request_counts").path("total").asLong();
        ResultPager pager = new ResultPager(cursor -> api.batchResults(batchId, pageSize, cursor), pause);
        // Results printed to a terminal show their own progress; a bar between them would only garble both.
        boolean showBar = out != null || !ProgressBars.isTerminal(1);
        // JSONL is UTF-8 whatever the platform's charset, on stdout too.
        Writer writer = out == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try (ProgressBar bar = showBar ? bars.count("results", total) : null) {
            return pager.drainTo(job -> {
                writer.write(ResultLines.of(job) + "\n");
                if (out == null) {
                    writer.flush(); // a reader at the other end of a pipe gets each result as it comes
                }
                if (bar != null) {
                    bar.step();
                }
            });
        } finally {
            if (out == null) {
                writer.flush(); // stdout stays open
            } else {
                writer.close();
            }
        }
    }
}
