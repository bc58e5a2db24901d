package dev.llmpipeline.worker;

import dev.llmpipeline.core.job.Job;
import java.time.Instant;

/**
 * A job this invocation holds, with what its message told about it.
 *
 * @param sentAt     when the message was sent (SQS {@code SentTimestamp}): the job was enqueued
 * @param receivedAt when this invocation received the message
 * @param attempt    the message's receive count
 */
record ClaimedJob(Job job, String claimToken, String messageId, Instant sentAt, Instant receivedAt, int attempt) {}
