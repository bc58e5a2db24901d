package dev.llmpipeline.local.template;

import java.util.Objects;

/**
 * A function's SQS event source ({@code SQS} event): how the event source mapping feeds it batches.
 *
 * @param queueLogicalId               the queue it polls, from {@code Queue: !GetAtt Queue.Arn}
 * @param batchSize                    most messages per invocation (Lambda's default, 10, if unset)
 * @param maximumBatchingWindowSeconds how long a batch may gather (0 if unset)
 * @param maximumConcurrency           most concurrent invocations ({@code ScalingConfig}); 0 if unset
 * @param reportBatchItemFailures      whether the function returns partial batch responses
 */
public record SqsEventSpec(String queueLogicalId, int batchSize, int maximumBatchingWindowSeconds,
        int maximumConcurrency, boolean reportBatchItemFailures) {

    /** Checks that the queue is named. */
    public SqsEventSpec {
        Objects.requireNonNull(queueLogicalId, "queueLogicalId");
    }
}
