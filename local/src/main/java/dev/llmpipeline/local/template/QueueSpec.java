package dev.llmpipeline.local.template;

import java.util.Objects;
import java.util.Optional;

/**
 * An SQS queue ({@code AWS::SQS::Queue}): what the local stack needs to create the same queue.
 *
 * @param logicalId                the queue's logical id in the template
 * @param visibilityTimeoutSeconds its visibility timeout (SQS's default, 30, if the template sets none)
 * @param deadLetterQueueLogicalId the queue its redrive policy moves messages to, if it has one
 * @param maxReceiveCount          receives before a message moves to the dead-letter queue; 0 without one
 */
public record QueueSpec(String logicalId, int visibilityTimeoutSeconds, Optional<String> deadLetterQueueLogicalId,
        int maxReceiveCount) {

    /** Checks that the parts are present. */
    public QueueSpec {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(deadLetterQueueLogicalId, "deadLetterQueueLogicalId");
    }
}
