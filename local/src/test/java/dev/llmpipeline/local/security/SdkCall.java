package dev.llmpipeline.local.security;

/**
 * One AWS call a function's code sent, as the SDK named it.
 *
 * @param function  the function's logical id, from the user agent its clients send
 * @param service   the SDK's service name: {@code DynamoDb}, {@code Sqs}, {@code SageMakerRuntime}
 * @param operation the API operation, such as {@code Query} or {@code SendMessageBatch}
 * @param resource  what the request names: a table ({@code JobsTable}, or {@code JobsTable/index/NAME} for an
 *                  index), a queue URL or an endpoint name; empty for an operation on no resource
 */
record SdkCall(String function, String service, String operation, String resource) {}
