package dev.llmpipeline.local.template;

import java.util.Objects;

/**
 * A route of the HTTP API that invokes a function ({@code HttpApi} event).
 *
 * @param method     the HTTP method in upper case, such as {@code GET}; {@code ANY} for every method
 * @param path       the route's path, with parameters in braces, such as {@code /jobs/{id}}
 * @param authorized whether a request needs a valid token: false when the event sets {@code Auth.Authorizer}
 *                   to {@code NONE}, or when neither the event nor its API names an authorizer
 */
public record HttpRoute(String method, String path, boolean authorized) {

    /** Checks that the parts are present. */
    public HttpRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }
}
