package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline up}: runs the local stack in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline locally in the foreground; Ctrl-C stops it.")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--api-port", defaultValue = "${env:PIPELINE_API_PORT:-3000}",
            description = "HTTP API port (default ${DEFAULT-VALUE}; env PIPELINE_API_PORT)")
    int apiPort;

    @Mixin
    StackOptions stack;

    @Override
    public Integer call() throws InterruptedException {
        LocalStackSettings settings = stack.settings(apiPort);
        LocalStack running = LocalStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            running.close();
            stopped.countDown();
        }, "pipeline-shutdown"));
        System.out.println("endpoint emulator: " + running.endpoint().uri() + " (GET /calls lists its calls)");
        settings.ownersByToken().forEach((token, owner) ->
                System.out.println("bearer token for owner " + owner + ": " + token));
        System.out.println("ready: " + running.apiUrl());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
