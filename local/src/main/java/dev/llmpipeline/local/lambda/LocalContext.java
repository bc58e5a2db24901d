package dev.llmpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The Lambda {@link Context} of one local invocation: a request id, a deadline and, with active tracing, the trace
 * header ({@code Root=...;Parent=...;Sampled=1}), as Lambda gives them.
 */
public final class LocalContext implements Context {
    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final int memoryMb;
    private final Instant deadline;
    private final Clock clock;
    private final String traceHeader;

    /** A context without tracing. */
    public LocalContext(String functionName, int memoryMb, Duration timeout, Clock clock) {
        this(functionName, memoryMb, timeout, clock, null);
    }

    /** A context whose invocation is traced under {@code traceHeader} ({@code null}: not traced). */
    public LocalContext(String functionName, int memoryMb, Duration timeout, Clock clock, String traceHeader) {
        this.traceHeader = traceHeader;
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.clock = clock;
        this.deadline = clock.instant().plus(timeout);
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
        return "local";
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
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public String getXrayTraceId() {
        return traceHeader;
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
