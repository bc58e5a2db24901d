package dev.llmpipeline.worker;

import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.trace.Span;
import java.time.Instant;

/**
 * A job this invocation holds, with what its message told about it.
 *
 * @param sentAt     when the message was sent (SQS {@code SentTimestamp}): the job was enqueued
 * @param receivedAt when this invocation received the message
 * @param attempt    the message's receive count
 * @param trace      this invocation's segment for the job, in the job's trace: its work is recorded there
 */
record ClaimedJob(Job job, String claimToken, String messageId, Instant sentAt, Instant receivedAt, int attempt,
                  Span trace) {

    /** A job whose work is not traced. */
    ClaimedJob(Job job, String claimToken, String messageId, Instant sentAt, Instant receivedAt, int attempt) {
        this(job, claimToken, messageId, sentAt, receivedAt, attempt, Span.NONE);
    }
}
