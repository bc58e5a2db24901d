package dev.llmpipeline.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pipeline wait JOB_ID}: long-polls until the job ends, then prints it. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until a job ends and print it; exit 0 only if it succeeded.")
final class WaitCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", description = "the job id")
    String jobId;

    @Option(names = "--timeout", defaultValue = "600", description = "give up after this many seconds (default 600)")
    int timeoutSeconds;

    @Override
    public Integer call() {
        var response = Waiting.untilTerminal(client.client(), jobId, timeoutSeconds);
        int printed = Output.print(response);
        return printed != 0 ? printed : "succeeded".equals(response.body().path("status").asText()) ? 0 : 1;
    }
}
