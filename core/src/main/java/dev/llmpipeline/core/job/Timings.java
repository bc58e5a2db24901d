package dev.llmpipeline.core.job;

/**
 * Where a job's time went, in whole milliseconds (rounded down).
 *
 * @param queueMs        from the moment the job was enqueued to the moment a worker received it
 * @param modelMs        the endpoint call of the job's micro-batch
 * @param totalMs        from {@code created_at} to {@code completed_at}
 * @param attempts       deliveries of the job's message (its SQS receive count)
 * @param modelBatchSize prompts in the endpoint call that produced the result
 */
public record Timings(long queueMs, long modelMs, long totalMs, int attempts, int modelBatchSize) {

    /**
     * Builds timings whose parts never exceed the whole. The queue wait comes from the queue's clock and the rest
     * from ours; clamping the wait absorbs clock skew between the two so that {@code queue + model <= total} holds.
     */
    public static Timings of(long rawQueueMs, long modelMs, long totalMs, int attempts, int modelBatchSize) {
        long model = Math.max(0, Math.min(modelMs, totalMs));
        long queue = Math.max(0, Math.min(rawQueueMs, totalMs - model));
        return new Timings(queue, model, Math.max(0, totalMs), attempts, modelBatchSize);
    }
}
