package dev.llmpipeline.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pipeline status JOB_ID}: prints a job as it is now. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print a job as it is now.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", description = "the job id")
    String jobId;

    @Override
    public Integer call() {
        return Output.print(client.client().job(jobId, 0));
    }
}
