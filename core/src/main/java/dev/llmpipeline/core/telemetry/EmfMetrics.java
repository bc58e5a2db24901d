package dev.llmpipeline.core.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmpipeline.core.job.JobErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * {@link PipelineMetrics} as CloudWatch Embedded Metric Format documents, written by Powertools' EMF metrics: on
 * Lambda to standard output, which CloudWatch Logs turns into metrics, and locally to standard output too
 * ({@code AWS_EMF_ENVIRONMENT=Local}). Counts are summed and latencies gathered during an invocation, then
 * {@link #publish} writes one document with dimension {@code Service}, one more per error code with dimensions
 * {@code Service, ErrorCode}, and the cold start in a document of its own, as Powertools does.
 *
 * <p>Each publication uses a fresh Powertools {@link Metrics} from the provider, configured from this function's own
 * settings, rather than Powertools' process-wide instance: the local stack runs every function, and several
 * execution environments of each, in one JVM. Thread-safe.
 */
public final class EmfMetrics implements PipelineMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(EmfMetrics.class);

    private record Sample(String name, double value, MetricUnit unit) {}

    private final MetricsProvider provider;
    private final String namespace;
    private final String service;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final Map<JobErrorCode, AtomicLong> failed = new EnumMap<>(JobErrorCode.class);
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();

    /**
     * @param provider  gives a fresh Powertools {@link Metrics} per document ({@code EmfMetricsProvider} on Lambda)
     * @param namespace the CloudWatch namespace of every metric
     * @param service   the value of the {@code Service} dimension
     */
    public EmfMetrics(MetricsProvider provider, String namespace, String service) {
        this.provider = provider;
        this.namespace = namespace;
        this.service = service;
        for (JobErrorCode code : JobErrorCode.values()) {
            failed.put(code, new AtomicLong()); // filled once: the map is only read afterwards
        }
    }

    @Override
    public void jobsSubmitted(int count) {
        submitted.addAndGet(count);
    }

    @Override
    public void queueWait(Duration wait) {
        samples.add(new Sample(MetricNames.QUEUE_WAIT, Math.max(0, wait.toMillis()), MetricUnit.MILLISECONDS));
    }

    @Override
    public void modelCall(int microBatchSize, Duration latency) {
        samples.add(new Sample(MetricNames.MODEL_LATENCY, latency.toMillis(), MetricUnit.MILLISECONDS));
        samples.add(new Sample(MetricNames.MICRO_BATCH_SIZE, microBatchSize, MetricUnit.COUNT));
    }

    @Override
    public void endpointRetry() {
        retries.incrementAndGet();
    }

    @Override
    public void jobSucceeded() {
        succeeded.incrementAndGet();
    }

    @Override
    public void jobFailed(JobErrorCode code) {
        failed.get(code).incrementAndGet();
    }

    /**
     * Writes what was recorded since the last publication, and resets it. Never throws: metrics must not fail the
     * invocation they describe.
     *
     * @param coldStart whether this invocation is its execution environment's first
     */
    public void publish(Context context, boolean coldStart) {
        try {
            String requestId = context == null ? null : context.getAwsRequestId();
            if (coldStart) {
                write(DimensionSet.of(MetricNames.SERVICE_DIMENSION, service), requestId,
                        List.of(new Sample(MetricNames.COLD_START, 1, MetricUnit.COUNT)));
            }
            write(DimensionSet.of(MetricNames.SERVICE_DIMENSION, service), requestId, drain());
            failed.forEach((code, count) -> {
                long value = count.getAndSet(0);
                if (value > 0) {
                    write(DimensionSet.of(MetricNames.SERVICE_DIMENSION, service,
                            MetricNames.ERROR_CODE_DIMENSION, code.wireName()), requestId,
                            List.of(new Sample(MetricNames.JOBS_FAILED, value, MetricUnit.COUNT)));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("publishing metrics failed; this invocation's metrics are lost", e);
        }
    }

    /**
     * Does once what the first publication would, writing nothing: resolves where EMF writes and serializes a
     * document, so the first invocation does not load and warm the EMF classes and their JSON writer.
     */
    public void prime() {
        Metrics document = provider.getMetricsInstance();
        document.setNamespace(namespace);
        document.setDefaultDimensions(DimensionSet.of(MetricNames.SERVICE_DIMENSION, service));
        MetricsContext context = new MetricsContext();
        context.setNamespace(namespace);
        context.putMetric(MetricNames.COLD_START, 1, Unit.COUNT);
        try {
            context.serialize();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EMF document cannot be serialized", e);
        }
    }

    private List<Sample> drain() {
        List<Sample> drained = new ArrayList<>();
        addCount(drained, MetricNames.JOBS_SUBMITTED, submitted.getAndSet(0));
        addCount(drained, MetricNames.ENDPOINT_RETRIES, retries.getAndSet(0));
        addCount(drained, MetricNames.JOBS_SUCCEEDED, succeeded.getAndSet(0));
        for (Sample sample = samples.poll(); sample != null; sample = samples.poll()) {
            drained.add(sample);
        }
        return drained;
    }

    private static void addCount(List<Sample> samples, String name, long count) {
        if (count > 0) {
            samples.add(new Sample(name, count, MetricUnit.COUNT));
        }
    }

    private void write(DimensionSet dimensions, String requestId, List<Sample> metrics) {
        if (metrics.isEmpty()) {
            return; // an empty document is no metric, and Powertools would warn about it
        }
        Metrics document = provider.getMetricsInstance();
        document.setNamespace(namespace);
        document.setDefaultDimensions(dimensions);
        if (requestId != null) {
            // Not a dimension (that would make a metric per request): a field to find the invocation's logs by.
            document.addMetadata("function_request_id", requestId);
        }
        metrics.forEach(sample -> document.addMetric(sample.name(), sample.value(), sample.unit()));
        document.flush();
    }
}
