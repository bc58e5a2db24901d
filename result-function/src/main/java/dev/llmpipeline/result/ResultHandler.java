package dev.llmpipeline.result;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.core.aws.AwsClients;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.ApiRoutes;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.http.HttpResponses;
import dev.llmpipeline.core.http.JobRepresentation;
import dev.llmpipeline.core.http.Requests;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The read side of the HTTP API: {@code GET /jobs/{id}} with optional {@code ?wait=N} long-polling. Lambda calls
 * the no-arg constructor once per execution environment; {@link #handleRequest} only delegates.
 */
public final class ResultHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiRoutes routes;

    /** Lambda's entry point: configuration and clients from the process environment. */
    public ResultHandler() {
        this(System.getenv());
    }

    /** Builds the function from an explicit environment, as the local stack does. */
    public ResultHandler(Map<String, String> environment) {
        this(ResultConfig.fromEnvironment(environment));
    }

    private ResultHandler(ResultConfig config) {
        this(new JobReader(new DynamoDbJobStore(new AwsClients(config.aws()).dynamoDb(), config.jobsTable(),
                config.retention()), Clock.systemUTC(), JobReader.Pause.sleeping()), config.maxWait());
    }

    /** Builds the function around its collaborators (tests pass fakes). */
    public ResultHandler(JobReader reader, Duration maxWait) {
        this.routes = ApiRoutes.builder()
                .route("GET /jobs/{id}", event -> HttpResponses.json(200, JobRepresentation.of(reader.read(
                        Requests.owner(event), Requests.pathParameter(event, "id"), waitOf(event, maxWait)))))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private static Duration waitOf(APIGatewayV2HTTPEvent event, Duration maxWait) {
        String value = Requests.queryParameter(event, "wait").orElse("0");
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= maxWait.toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new ApiException(ErrorCode.VALIDATION_ERROR,
                "wait: must be an integer number of seconds from 0 to " + maxWait.toSeconds() + ", was " + value);
    }
}
