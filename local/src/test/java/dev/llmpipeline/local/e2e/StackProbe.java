package dev.llmpipeline.local.e2e;

import dev.llmpipeline.local.endpoint.RecordedCall;
import dev.llmpipeline.local.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Looks behind the API, at the stack's real table, queue and endpoint, to prove what did or did not happen. */
public final class StackProbe {
    private final LocalStack stack;

    public StackProbe(LocalStack stack) {
        this.stack = stack;
    }

    /** Items in the jobs table (jobs and idempotency records), by a consistent, paged {@code Scan}. */
    public int jobsTableItemCount() {
        return stack.dynamoDb()
                .scanPaginator(b -> b.tableName(stack.tableName("JobsTable")).select(Select.COUNT).consistentRead(true))
                .stream().mapToInt(ScanResponse::count).sum();
    }

    /** Waits until the jobs queue holds no message, visible or in flight. */
    public void awaitJobsQueueEmpty(Duration timeout) {
        String queueUrl = stack.queueUrl("JobsQueue");
        Eventually.until(timeout, "jobs queue empty", () -> {
            Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }

    /** The endpoint calls that arrived at or after {@code since}. */
    public List<RecordedCall> callsSince(Instant since) {
        return stack.endpoint().calls().stream().filter(call -> !call.receivedAt().isBefore(since)).toList();
    }

    /** The lengths of every prompt the endpoint received since {@code since}, one entry per prompt sent. */
    List<Integer> promptLengthsSince(Instant since) {
        return callsSince(since).stream().flatMap(call -> call.promptChars().stream()).toList();
    }
}
