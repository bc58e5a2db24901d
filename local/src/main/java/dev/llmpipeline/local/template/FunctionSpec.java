package dev.llmpipeline.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A function ({@code AWS::Serverless::Function}) with the template's {@code Globals.Function} applied, as the
 * local stack runs it.
 *
 * @param logicalId      the function's logical id in the template
 * @param handler        {@code package.Class::method}
 * @param codeUri        where its deployment artefact is built, relative to the template
 * @param timeoutSeconds its timeout (SAM's default, 3, if neither the function nor the globals set one)
 * @param memoryMb       its memory (SAM's default, 128, if unset)
 * @param environment    its variables, the globals' merged with its own (its own win), in template order.
 *                       A value is a {@code String} when it is known before deployment (a literal, or a
 *                       {@code !Ref} to a parameter, resolved to the value in force); otherwise it is the
 *                       intrinsic as a one-key map, such as {@code {"Ref": "JobsTable"}}, for the local stack
 *                       to replace with the name of its own resource
 * @param routes         its {@code HttpApi} events
 * @param sqsEvent       its {@code SQS} event, if it has one
 */
public record FunctionSpec(String logicalId, String handler, String codeUri, int timeoutSeconds, int memoryMb,
        Map<String, Object> environment, List<HttpRoute> routes, Optional<SqsEventSpec> sqsEvent) {

    /** Copies the collections. */
    public FunctionSpec {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeUri, "codeUri");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        routes = List.copyOf(routes);
        Objects.requireNonNull(sqsEvent, "sqsEvent");
    }
}
