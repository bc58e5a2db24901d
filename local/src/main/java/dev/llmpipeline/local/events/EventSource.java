package dev.llmpipeline.local.events;

import java.time.Duration;

/**
 * One SQS event source mapping, with the settings the template gives it (scaled where the stack scales time).
 *
 * @param maxConcurrency concurrent invocations at most: the pollers, one execution environment each
 * @param timeout        the function's timeout
 */
public record EventSource(String functionName, int memoryMb, String queueUrl, String queueArn, int batchSize,
                          Duration batchingWindow, int maxConcurrency, boolean reportBatchItemFailures,
                          Duration timeout) {
    public EventSource {
        if (batchSize < 1 || maxConcurrency < 1) {
            throw new IllegalArgumentException("batch size and maximum concurrency must be at least 1");
        }
    }
}
