package dev.llmpipeline.local.template;

/**
 * The HTTP API's ({@code AWS::Serverless::HttpApi}) settings that the local stack applies when asked to
 * throttle like API Gateway, from its {@code DefaultRouteSettings}.
 *
 * @param throttlingBurstLimit requests a route may take at once above its rate (token bucket size)
 * @param throttlingRateLimit  steady requests per second a route takes
 */
public record HttpApiSpec(int throttlingBurstLimit, double throttlingRateLimit) {
}
