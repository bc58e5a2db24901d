package dev.llmpipeline.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pipeline cancel-batch BATCH_ID}: cancels every job of a batch that is still queued. */
@Command(name = "cancel-batch", mixinStandardHelpOptions = true,
        description = "Cancel every job of a batch that is still queued; jobs already running finish. "
                + "Prints the batch.")
final class CancelBatchCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "BATCH_ID", description = "the batch id")
    String batchId;

    @Override
    public Integer call() {
        return Output.print(client.client().cancelBatch(batchId));
    }
}
