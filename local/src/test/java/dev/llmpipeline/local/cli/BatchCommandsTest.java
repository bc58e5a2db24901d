package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BatchCommandsTest {
    private final CommandLine pipeline = new CommandLine(new PipelineCommand());

    @Test
    void batchCommandsAreRegistered() {
        assertThat(pipeline.getSubcommands()).containsKeys("upload", "results", "batch", "cancel-batch");
    }

    @Test
    void uploadWaitsUnlessToldNotTo() {
        assertThat(upload("batch.jsonl").waitForJobs).isTrue();
        assertThat(upload("batch.jsonl", "--wait").waitForJobs).isTrue();
        assertThat(upload("batch.jsonl", "--no-wait").waitForJobs).isFalse();
    }

    @Test
    void uploadTakesAnOutputFileAndTheClientOptions() {
        UploadCommand command = upload("batch.jsonl", "-o", "out.jsonl", "--url", "http://127.0.0.1:4000",
                "--token", "t");

        assertThat(command.file).isEqualTo(Path.of("batch.jsonl"));
        assertThat(command.output).isEqualTo(Path.of("out.jsonl"));
        assertThat(command.client.url).hasToString("http://127.0.0.1:4000");
        assertThat(command.client.token).isEqualTo("t");
    }

    @Test
    void resultsPagesAHundredAtATimeByDefault() {
        CommandLine.ParseResult parsed = pipeline.parseArgs("results", "b-1", "--limit", "500");
        ResultsCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();

        assertThat(command.batchId).isEqualTo("b-1");
        assertThat(command.pageSize).isEqualTo(500);
        assertThat(command.output).isNull();
    }

    @Test
    void resultsRefusesAPageSizeTheApiWouldRefuse() {
        StringWriter err = new StringWriter();
        pipeline.setErr(new PrintWriter(err));

        int exitCode = pipeline.execute("results", "b-1", "--limit", "1001");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("--limit must be 1..1000, not 1001");
    }

    @Test
    void uploadRefusesAnOutputFileWithoutWaiting() {
        StringWriter err = new StringWriter();
        pipeline.setErr(new PrintWriter(err));

        int exitCode = pipeline.execute("upload", "batch.jsonl", "--no-wait", "-o", "out.jsonl");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("-o writes the results once the batch is done");
    }

    private UploadCommand upload(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "upload";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = new CommandLine(new PipelineCommand()).parseArgs(all);
        return parsed.subcommand().commandSpec().commandLine().getCommand();
    }
}
