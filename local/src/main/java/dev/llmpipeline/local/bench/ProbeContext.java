package dev.llmpipeline.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * What Lambda's runtime hands the probes' handlers: a request id, the function's name, its memory and a deadline of
 * 60 s from the invocation's start; the logger writes to standard error. Also builds the SQS records the probes send
 * the worker. Like the probes, it uses only the JDK and the Lambda interfaces the function's jar bundles.
 */
final class ProbeContext implements Context {
    private static final int TIMEOUT_MILLIS = 60_000;

    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;

    ProbeContext(String functionName) {
        this.functionName = functionName;
    }

    /** One message of a job, as the event source hands it over on its {@code receiveCount}-th delivery. */
    static SQSEvent.SQSMessage jobMessage(String jobId, int receiveCount, String queueArn) {
        String now = Long.toString(System.currentTimeMillis());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle(UUID.randomUUID().toString());
        message.setBody("{\"job_id\":\"" + jobId + "\"}");
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount), "SentTimestamp", now,
                "ApproximateFirstReceiveTimestamp", now));
        message.setMessageAttributes(Map.of());
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(queueArn);
        return message;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "probe";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
