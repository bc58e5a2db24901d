package dev.llmpipeline.local.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline results BATCH_ID}: every result of a batch as JSONL, waiting for the jobs still running. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Write the results of a batch as JSONL, one line per job in the order the jobs ended: "
                + "custom_id, job_id, status, and output (text, generated_tokens, finish_reason) or error (code, "
                + "message). Waits for jobs still running. Progress goes to stderr.")
final class ResultsCommand implements Callable<Integer> {
    static final int MAX_PAGE_SIZE = 1000;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "BATCH_ID", description = "the batch id")
    String batchId;

    @Option(names = {"-o", "--output"}, paramLabel = "out.jsonl", description = "write to this file (default stdout)")
    Path output;

    @Option(names = "--limit", defaultValue = "100",
            description = "results per page request, 1..1000 (default ${DEFAULT-VALUE})")
    int pageSize;

    @Override
    public Integer call() throws IOException, InterruptedException {
        checkPageSize(spec, pageSize);
        try {
            long written = new ResultsDownload(client.client(), ProgressBars.onStderr(), Pause.sleeping())
                    .run(batchId, output, pageSize);
            if (output != null) {
                System.err.printf("%d results written to %s%n", written, output);
            }
            return 0;
        } catch (ResponseException e) {
            return Output.print(e.response());
        } catch (UncheckedIOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** The API takes 1..1000 results a page; say so before the first request rather than after a 400. */
    static void checkPageSize(CommandLine.Model.CommandSpec spec, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--limit must be 1.." + MAX_PAGE_SIZE + ", not " + pageSize);
        }
    }
}
