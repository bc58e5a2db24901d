package dev.llmpipeline.core.aws;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Puts a trace header on messages sent to SQS as their
 * <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html">
 * {@code AWSTraceHeader} system attribute</a>, which SQS hands the consumer (Lambda passes it in the SQS event
 * record's attributes): so the worker continues the trace of the request that enqueued its job.
 */
final class SqsTraceHeaders {
    private static final MessageSystemAttributeNameForSends NAME = MessageSystemAttributeNameForSends.AWS_TRACE_HEADER;

    private SqsTraceHeaders() {
    }

    /** {@code request} with the header on every message that has none; any other request unchanged. */
    static SdkRequest addTo(SdkRequest request, String traceHeader) {
        if (traceHeader == null) {
            return request;
        }
        if (request instanceof SendMessageRequest send && !send.messageSystemAttributes().containsKey(NAME)) {
            return send.toBuilder().messageSystemAttributes(with(send.messageSystemAttributes(), traceHeader)).build();
        }
        if (request instanceof SendMessageBatchRequest batch) {
            return batch.toBuilder().entries(batch.entries().stream()
                    .map(entry -> entry.messageSystemAttributes().containsKey(NAME) ? entry : entry.toBuilder()
                            .messageSystemAttributes(with(entry.messageSystemAttributes(), traceHeader)).build())
                    .toList()).build();
        }
        return request;
    }

    private static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> with(
            Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> attributes, String traceHeader) {
        Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> updated = new HashMap<>(attributes);
        updated.put(NAME, MessageSystemAttributeValue.builder().dataType("String").stringValue(traceHeader).build());
        return updated;
    }
}
