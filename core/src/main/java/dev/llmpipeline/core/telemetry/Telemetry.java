package dev.llmpipeline.core.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import dev.llmpipeline.core.config.EnvironmentReader;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Logs and metrics of one execution environment of a function, through Powertools' functional API (no AspectJ):
 * {@link #invoke} puts the invocation's keys on every log line ({@code function_request_id}, {@code cold_start},
 * {@code service}, ...) and publishes the metrics recorded meanwhile, the cold start among them.
 *
 * <p>Handlers build it once, in their constructor, from the same environment as their configuration. Settings:
 * {@code POWERTOOLS_SERVICE_NAME} (the {@code Service} dimension and {@code service} log field),
 * {@code POWERTOOLS_METRICS_NAMESPACE} (default {@value #DEFAULT_NAMESPACE}); {@code POWERTOOLS_LOG_LEVEL} is read by
 * Powertools itself. Thread-safe.
 */
public final class Telemetry {
    /** The CloudWatch namespace of every metric, unless {@code POWERTOOLS_METRICS_NAMESPACE} says otherwise. */
    public static final String DEFAULT_NAMESPACE = "LlmPipeline";

    private final String service;
    private final EmfMetrics metrics;
    private final AtomicBoolean coldStart;

    /**
     * @param coldStart whether the first invocation is a cold start (not so for provisioned concurrency: its init
     *                  ran before any request waited for it)
     */
    public Telemetry(String service, EmfMetrics metrics, boolean coldStart) {
        this.service = service;
        this.metrics = metrics;
        this.coldStart = new AtomicBoolean(coldStart);
    }

    /** Reads the settings; {@code defaultService} names the function when {@code POWERTOOLS_SERVICE_NAME} is unset. */
    public static Telemetry fromEnvironment(Map<String, String> environment, String defaultService) {
        EnvironmentReader env = new EnvironmentReader(environment);
        String service = env.optional("POWERTOOLS_SERVICE_NAME").orElse(defaultService);
        String namespace = env.optional("POWERTOOLS_METRICS_NAMESPACE").orElse(DEFAULT_NAMESPACE);
        boolean onDemand = env.optional("AWS_LAMBDA_INITIALIZATION_TYPE").map("on-demand"::equals).orElse(true);
        env.validate();
        // Outside Lambda, and unless told otherwise, the EMF library would probe the EC2 metadata address to find where
        // it runs; it reads AWS_EMF_ENVIRONMENT from the process only, and the local stack passes it in the map.
        boolean onLambda = env.optional("AWS_LAMBDA_FUNCTION_NAME").isPresent();
        if (env.optional("AWS_EMF_ENVIRONMENT").orElse(onLambda ? "Lambda" : "Local").equalsIgnoreCase("Local")) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        }
        return new Telemetry(service, new EmfMetrics(new EmfMetricsProvider(), namespace, service), onDemand);
    }

    /** Where the function's code records its metrics. */
    public PipelineMetrics metrics() {
        return metrics;
    }

    /**
     * Does once, during init, what the first invocation's logging and metrics would do the first time (Powertools'
     * logging set up, the EMF writer warmed), writing nothing. For {@code ParallelInit#prime}.
     */
    public void prime() {
        try {
            PowertoolsLogging.initializeLogging(null);
        } finally {
            PowertoolsLogging.clearState(true);
        }
        metrics.prime();
    }

    /** Runs one invocation with its log keys set, then publishes its metrics and clears the keys. */
    public <T> T invoke(Context context, Supplier<T> work) {
        boolean cold = coldStart.getAndSet(false);
        PowertoolsLogging.initializeLogging(context);
        // Powertools takes these from the process (one service, one cold start per JVM); the local stack runs every
        // function, several environments each, in one JVM. On Lambda both ways give the same values.
        MDC.put("service", service);
        MDC.put("cold_start", Boolean.toString(cold));
        try {
            return work.get();
        } finally {
            metrics.publish(context, cold);
            PowertoolsLogging.clearState(true);
        }
    }
}
