package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.tune.MemorySweep;
import dev.llmpipeline.local.tune.Poller;
import dev.llmpipeline.local.tune.ProvisionedConcurrency;
import dev.llmpipeline.local.tune.SweepPlan;
import dev.llmpipeline.local.tune.SweepResult;
import dev.llmpipeline.local.tune.TuneException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;

/**
 * {@code pipeline tune}: a deployed function's memory swept through the Lambda API, with the cost and latency of each
 * size; or its provisioned concurrency set or cleared. Credentials come from the SDK's default chain.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Sweep a Lambda function's memory through the Lambda API: per size, update it, invoke it N times "
                + "with a sample event and read Init Duration, Duration and Max Memory Used from the log tail; print "
                + "cold start, warm P50/P99, memory used and the cost of 1M invocations, and recommend the cheapest "
                + "size whose warm P50 is within --latency-budget-ms. The memory is restored afterwards unless "
                + "--apply. With --provisioned-concurrency or --clear-provisioned-concurrency it only sets or clears that on "
                + "--qualifier. Exit 0 when a size is recommended (or the change is done), 1 otherwise. Progress goes "
                + "to stderr.")
final class TuneCommand implements Callable<Integer> {
    private static final List<String> SWEEP_OPTIONS =
            List.of("--memory", "--invocations", "--event", "--latency-budget-ms", "--apply");
    // A synchronous invocation may run for the longest function timeout, 15 minutes; the read must outlast it.
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(16);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--function", required = true, paramLabel = "NAME", description = "the function's name or ARN")
    String function;

    @Option(names = "--memory", split = ",", paramLabel = "MB", defaultValue = "256,512,1024",
            description = "memory sizes to measure, 128..10240 (default ${DEFAULT-VALUE})")
    List<Integer> memorySizesMb;

    @Option(names = "--invocations", paramLabel = "N", defaultValue = "10",
            description = "invocations per size, one after another; the first is the cold start (default "
                    + "${DEFAULT-VALUE})")
    int invocations;

    @Option(names = "--event", paramLabel = "FILE", description = "the sample event, a JSON file (default {})")
    Path event;

    @Option(names = "--latency-budget-ms", paramLabel = "MS",
            description = "recommend only sizes whose warm P50 duration is at most this (default: no budget)")
    Double latencyBudgetMs;

    @Option(names = "--apply", description = "leave the function at the recommended size instead of restoring its "
            + "memory")
    boolean apply;

    @Option(names = "--provisioned-concurrency", paramLabel = "N",
            description = "set N provisioned environments on --qualifier and wait until they are ready")
    Integer provisionedConcurrency;

    @Option(names = "--clear-provisioned-concurrency", description = "remove the provisioned concurrency of "
            + "--qualifier")
    boolean clearProvisionedConcurrency;

    @Option(names = "--qualifier", paramLabel = "ALIAS|VERSION",
            description = "the alias or version whose provisioned concurrency to set or clear (e.g. live)")
    String qualifier;

    @Option(names = "--region", paramLabel = "REGION",
            description = "the AWS region (default: the SDK's, e.g. AWS_REGION)")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "the Lambda API's URL (default: the region's)")
    URI endpointUrl;

    @Override
    public Integer call() throws IOException {
        boolean provisioning = checkProvisioningOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepPlan plan = null;
        if (!provisioning) {
            Optional<String> sampleEvent = readEvent(err);
            if (sampleEvent.isEmpty()) {
                return 1;
            }
            plan = plan(sampleEvent.get());
        }
        try (LambdaClient lambda = lambdaClient()) {
            if (provisioning) {
                return provision(new ProvisionedConcurrency(lambda, Poller.sleeping()), out);
            }
            SweepResult result = new MemorySweep(lambda, Poller.sleeping(), err).run(plan);
            result.print(out);
            return result.recommended().isPresent() ? 0 : 1;
        } catch (TuneException | SdkException e) {
            err.println("tune: " + e.getMessage());
            for (Throwable alsoFailed : e.getSuppressed()) {
                err.println("tune: then: " + alsoFailed.getMessage());
            }
            return 1;
        }
    }

    /** The sample event: {@code {}} by default, else the file's JSON; empty (and said on stderr) if it is not. */
    private Optional<String> readEvent(PrintWriter err) throws IOException {
        if (event == null) {
            return Optional.of("{}");
        }
        if (!Files.isRegularFile(event) || !Files.isReadable(event)) {
            err.println("cannot read " + event);
            return Optional.empty();
        }
        String json = Files.readString(event);
        try {
            Json.parse(json);
            return Optional.of(json);
        } catch (JsonProcessingException e) {
            err.println(event + " is not JSON: " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private int provision(ProvisionedConcurrency provisioned, PrintWriter out) {
        if (clearProvisionedConcurrency) {
            provisioned.clear(function, qualifier);
            out.printf("provisioned concurrency of %s:%s cleared%n", function, qualifier);
        } else {
            GetProvisionedConcurrencyConfigResponse config =
                    provisioned.set(function, qualifier, provisionedConcurrency);
            out.printf("provisioned concurrency of %s:%s: %d of %d environments allocated, %s%n", function, qualifier,
                    config.allocatedProvisionedConcurrentExecutions(),
                    config.requestedProvisionedConcurrentExecutions(), config.statusAsString());
        }
        out.flush();
        return 0;
    }

    /** Whether this run sets or clears provisioned concurrency; refuses combinations that would be ambiguous. */
    private boolean checkProvisioningOptions() {
        boolean provisioning = provisionedConcurrency != null || clearProvisionedConcurrency;
        if (provisionedConcurrency != null && clearProvisionedConcurrency) {
            throw usage("--provisioned-concurrency and --clear-provisioned-concurrency exclude each other");
        }
        if (provisionedConcurrency != null && provisionedConcurrency < 1) {
            throw usage("--provisioned-concurrency must be at least 1 (use --clear-provisioned-concurrency for none)");
        }
        if (provisioning && qualifier == null) {
            throw usage("provisioned concurrency needs --qualifier: an alias or a version ($LATEST cannot have any)");
        }
        if (!provisioning && qualifier != null) {
            throw usage("--qualifier is for provisioned concurrency: the memory sweep runs on $LATEST, the only "
                    + "version whose memory can change");
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (provisioning && SWEEP_OPTIONS.stream().anyMatch(parsed::hasMatchedOption)) {
            throw usage("provisioned concurrency is set or cleared on its own: run the memory sweep separately");
        }
        return provisioning;
    }

    private SweepPlan plan(String sampleEvent) {
        OptionalDouble budget = latencyBudgetMs == null ? OptionalDouble.empty() : OptionalDouble.of(latencyBudgetMs);
        try {
            return new SweepPlan(function, memorySizesMb, invocations, sampleEvent, budget, apply);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    // The url-connection client, as everywhere in the project (the build excludes the Apache and Netty clients).
    private LambdaClient lambdaClient() {
        LambdaClientBuilder builder = LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(READ_TIMEOUT));
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpointUrl != null) {
            builder.endpointOverride(endpointUrl);
        }
        return builder.build();
    }
}
