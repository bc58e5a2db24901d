package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.endpoint.RecordedCall;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline demo}: starts the stack, runs a few jobs through it, prints outputs and timings, stops. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local stack, run jobs through it, print outputs and timings, stop. "
                + "Exit 0 only if every job succeeded.")
final class DemoCommand implements Callable<Integer> {
    private static final List<String> PROMPTS = List.of(
            "Explain why the sky is blue in one sentence.",
            "Give three tips for writing clear error messages.",
            "What is the capital of France?",
            "Summarise the benefits of batching requests to a GPU.",
            "Write a haiku about message queues.",
            "List two differences between SQS and Kafka.",
            "How does a lease protect a job from two workers?",
            "Translate 'good morning' into Spanish.");

    @Option(names = "--jobs", defaultValue = "8", description = "prompts to submit (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--max-new-tokens", defaultValue = "48", description = "bound per job (default ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Mixin
    StackOptions stack;

    @Override
    public Integer call() {
        LocalStackSettings settings = stack.settings(0);
        try (FunctionOutput functions = FunctionOutput.toFile(FunctionOutput.defaultFile(StackOptions.home(), "demo"));
             LocalStack running = LocalStack.start(settings)) {
            PrintStream out = functions.console();
            out.println("local stack ready: " + running.apiUrl());
            out.println("the functions' JSON logs and EMF metrics: " + functions.path());
            PipelineClient api = new PipelineClient(running.apiUrl(), settings.ownersByToken().keySet().iterator().next());
            List<String> ids = new ArrayList<>();
            for (int index = 0; index < jobs; index++) {
                var response = api.submit(PROMPTS.get(index % PROMPTS.size()), maxNewTokens, "demo-" + (index + 1),
                        Optional.empty());
                if (response.status() != 202) {
                    System.err.println("submit failed: HTTP " + response.status() + " " + response.body());
                    return 1;
                }
                ids.add(response.body().path("job_id").asText());
            }
            out.println("submitted " + ids.size() + " jobs; waiting for results");
            List<JsonNode> results = new ArrayList<>();
            for (String id : ids) {
                results.add(Waiting.untilTerminal(api, id, 300).body());
            }
            DemoReport.print(results, running.endpoint().calls(), out);
            long succeeded = results.stream().filter(job -> "succeeded".equals(job.path("status").asText())).count();
            out.println(succeeded + "/" + results.size() + " jobs succeeded");
            return succeeded == results.size() ? 0 : 1;
        }
    }

    /** The calls' batch sizes, for the summary line. */
    static String batchSizes(List<RecordedCall> calls) {
        return calls.stream().map(call -> Integer.toString(call.batchSize())).reduce((a, b) -> a + ", " + b)
                .orElse("none");
    }
}
