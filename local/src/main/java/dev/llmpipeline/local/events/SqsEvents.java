package dev.llmpipeline.local.events;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Builds the SQS event Lambda hands a function, from the messages its poller received. */
final class SqsEvents {

    private SqsEvents() {
    }

    static SQSEvent event(List<Message> messages, String queueArn, String region) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(message -> record(message, queueArn, region)).toList());
        return event;
    }

    private static SQSEvent.SQSMessage record(Message message, String queueArn, String region) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        for (Map.Entry<MessageSystemAttributeName, String> attribute : message.attributes().entrySet()) {
            attributes.put(attribute.getKey().toString(), attribute.getValue());
        }
        record.setAttributes(attributes);
        record.setMessageAttributes(Map.of());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }
}
