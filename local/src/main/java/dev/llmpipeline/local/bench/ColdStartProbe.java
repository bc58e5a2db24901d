package dev.llmpipeline.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.llmpipeline.local.lambda.LocalContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The first life of a function in a fresh JVM, as Lambda gives it one: builds the handler from the process
 * environment (its init), hands it one event and prints what it answered. {@link ColdStarts} starts this class in a
 * new JVM whose class path is the function's Lambda jar and the probe classes alone, and times the lines it prints.
 *
 * <p>It uses nothing but the JDK, the Lambda runtime interfaces the function's jar bundles and {@link LocalContext}
 * (which uses nothing else either), so the JVM loads exactly what the deployed function would.
 *
 * <p>Arguments: the handler class, then the event: {@code post-job PROMPT}, {@code get-job JOB_ID} or
 * {@code sqs-job JOB_ID QUEUE_ARN}. Prints {@code init} once the handler is built and {@code response SUMMARY} once it
 * answered.
 */
public final class ColdStartProbe {
    static final String INIT = "init";
    static final String RESPONSE = "response";
    static final String OWNER = "bench";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(args[0])
                .getConstructor().newInstance();
        System.out.println(INIT);
        System.out.flush();
        Object response = handler.handleRequest(event(args), new LocalContext(args[0], WorkerLoadProbe.MEMORY_MB,
                WorkerLoadProbe.TIMEOUT, Clock.systemUTC()));
        System.out.println(RESPONSE + " " + String.valueOf(response).replace('\n', ' '));
        System.out.flush();
        if (handler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // The measurement is over; the JVM exits next.
            }
        }
    }

    private static Object event(String[] args) {
        return switch (args[1]) {
            case "post-job" -> api("POST", "/jobs", "POST /jobs", Map.of(),
                    "{\"prompt\":\"" + args[2] + "\",\"max_new_tokens\":8}");
            case "get-job" -> api("GET", "/jobs/" + args[2], "GET /jobs/{id}", Map.of("id", args[2]), null);
            case "sqs-job" -> sqs(args[2], args[3]);
            default -> throw new IllegalArgumentException("unknown event " + args[1]);
        };
    }

    private static APIGatewayV2HTTPEvent api(String method, String path, String routeKey,
                                             Map<String, String> pathParameters, String body) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(Map.of("sub", OWNER)).withScopes(List.of()).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withRequestId(UUID.randomUUID().toString())
                .withStage("$default")
                .withTimeEpoch(System.currentTimeMillis())
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"))
                .withPathParameters(pathParameters)
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private static SQSEvent sqs(String jobId, String queueArn) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(WorkerLoadProbe.jobMessage(jobId, 1, queueArn)));
        return event;
    }
}
