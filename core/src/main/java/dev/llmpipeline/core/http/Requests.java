package dev.llmpipeline.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads what handlers need from an API Gateway (payload 2.0) request. */
public final class Requests {

    private Requests() {
    }

    /**
     * The caller: the {@code sub} claim the JWT authorizer validated. Every route but the health check sits behind
     * the authorizer, so a missing claim means a misconfigured route; it is refused rather than served anonymously.
     */
    public static String owner(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        String sub = claims == null ? null : claims.get("sub");
        if (sub == null || sub.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "missing or invalid bearer token");
        }
        return sub;
    }

    /** A header by case-insensitive name (HTTP APIs lower-case them, but tests and proxies may not). */
    public static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** A path parameter that the route guarantees. */
    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no " + name + " in the path");
        }
        return value;
    }

    /** A query string parameter, if present. */
    public static Optional<String> queryParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return Optional.ofNullable(parameters == null ? null : parameters.get(name));
    }

    /** The body's bytes, decoding base64 when API Gateway encoded it. */
    public static byte[] bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "body: not valid base64");
        }
    }

    /**
     * The body as text, decoding base64 when API Gateway encoded it, and refusing bytes that are not UTF-8 rather
     * than silently replacing them.
     */
    public static String bodyText(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (!event.getIsBase64Encoded()) {
            return body;
        }
        byte[] bytes = bodyBytes(event);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "body: not valid UTF-8");
        }
    }
}
