package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.client.PipelineClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pipeline submit PROMPT}: submits one job and prints it. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit one prompt; prints the job.")
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", description = "the prompt")
    String prompt;

    @Option(names = "--max-new-tokens", description = "bound on generated tokens (server default when absent)")
    Integer maxNewTokens;

    @Option(names = "--custom-id", description = "your own id for the job")
    String customId;

    @Option(names = "--idempotency-key", description = "retries with the same key return the same job")
    String idempotencyKey;

    @Option(names = "--wait", description = "wait until the job ends and print its result")
    boolean waitForResult;

    @Override
    public Integer call() {
        PipelineClient api = client.client();
        PipelineClient.Response response = api.submit(prompt, maxNewTokens, customId,
                Optional.ofNullable(idempotencyKey));
        if (!response.ok() || !waitForResult) {
            return Output.print(response);
        }
        return Output.print(Waiting.untilTerminal(api, response.body().path("job_id").asText(), 600));
    }
}
