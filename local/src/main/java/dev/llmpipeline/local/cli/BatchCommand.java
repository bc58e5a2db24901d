package dev.llmpipeline.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pipeline batch BATCH_ID}: prints a batch as it is now, with the counts of its jobs. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Print a batch as it is now: status and the counts of its jobs.")
final class BatchCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "BATCH_ID", description = "the batch id")
    String batchId;

    @Override
    public Integer call() {
        return Output.print(client.client().batch(batchId));
    }
}
