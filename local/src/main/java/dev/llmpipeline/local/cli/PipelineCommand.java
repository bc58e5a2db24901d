package dev.llmpipeline.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./pipeline}: runs the local stack and talks to the pipeline's API, local or deployed. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0",
        description = "Asynchronous LLM inference pipeline: local stack and client.",
        subcommands = {UpCommand.class, DemoCommand.class, SubmitCommand.class, StatusCommand.class,
                WaitCommand.class, CancelCommand.class, UploadCommand.class, ResultsCommand.class, BatchCommand.class,
                CancelBatchCommand.class, TraceCommand.class, ChaosCommand.class, BenchCommand.class,
                TuneCommand.class})
public final class PipelineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Nothing the stack runs may probe the instance metadata service, whatever the caller's environment says.
        System.setProperty("aws.disableEc2Metadata", "true");
        System.exit(new CommandLine(new PipelineCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
