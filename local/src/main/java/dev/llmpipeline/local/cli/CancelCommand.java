package dev.llmpipeline.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pipeline cancel JOB_ID}: cancels a job that is still queued. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job that is still queued.")
final class CancelCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", description = "the job id")
    String jobId;

    @Override
    public Integer call() {
        return Output.print(client.client().cancel(jobId));
    }
}
