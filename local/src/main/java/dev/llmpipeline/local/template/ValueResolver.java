package dev.llmpipeline.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves what can be resolved without a deployment: literals, {@code Ref}s to parameters (to the value in
 * force) and {@code Fn::Sub}s whose variables are all parameters. What only CloudFormation knows (a resource's
 * name or ARN, pseudo parameters, conditions) is either kept as the intrinsic map or reported, depending on
 * whether the caller can use it unresolved.
 */
final class ValueResolver {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final TemplateParameters parameters;
    private final Set<String> resourceIds;

    ValueResolver(TemplateParameters parameters, Set<String> resourceIds) {
        this.parameters = parameters;
        this.resourceIds = resourceIds;
    }

    /** The value as text, if it can be resolved locally. */
    Optional<String> tryText(TemplateNode node) {
        Object value = node.value();
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String name) {
                return resolveRef(name, node);
            }
            if (map.get("Fn::Sub") instanceof String template) {
                return resolveSub(template);
            }
            return Optional.empty();
        }
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(value));
    }

    /** The value as text; it must be resolvable. */
    String text(TemplateNode node) {
        if (node.isMissing()) {
            throw new IllegalArgumentException(node.path() + " is missing");
        }
        return tryText(node).orElseThrow(() -> new IllegalArgumentException(node.path() + ": cannot resolve "
                + TemplateNode.describe(node.value()) + " locally; use a literal or a !Ref to a parameter"));
    }

    int integer(TemplateNode node) {
        String text = text(node);
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(node.path() + ": expected an integer, found '" + text + "'", e);
        }
    }

    int integer(TemplateNode node, int whenMissing) {
        return node.isMissing() ? whenMissing : integer(node);
    }

    double decimal(TemplateNode node) {
        String text = text(node);
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(node.path() + ": expected a number, found '" + text + "'", e);
        }
    }

    /** Text where resolvable, else the intrinsic map as written (a resource's name, say). */
    Object textOrIntrinsic(TemplateNode node) {
        if (node.value() instanceof List<?>) {
            throw new IllegalArgumentException(node.path() + ": expected a single value, found a list");
        }
        return tryText(node).map(Object.class::cast).orElseGet(node::value);
    }

    /** The logical id in {@code !GetAtt Resource.Arn}, checking that the resource exists. */
    String logicalIdOfArn(TemplateNode node) {
        if (node.value() instanceof Map<?, ?> map && map.size() == 1
                && map.get("Fn::GetAtt") instanceof List<?> getAtt && getAtt.size() == 2
                && "Arn".equals(getAtt.get(1)) && getAtt.get(0) instanceof String logicalId) {
            if (!resourceIds.contains(logicalId)) {
                throw new IllegalArgumentException(node.path() + ": no resource " + logicalId + " in the template");
            }
            return logicalId;
        }
        throw new IllegalArgumentException(node.path() + ": expected !GetAtt <LogicalId>.Arn of a resource in "
                + "this template, found " + TemplateNode.describe(node.value()));
    }

    private Optional<String> resolveRef(String name, TemplateNode node) {
        if (parameters.isDeclared(name)) {
            return Optional.of(parameters.value(name).orElseThrow(() -> new IllegalArgumentException(node.path()
                    + ": parameter " + name + " has no Default; pass it as a parameter override")));
        }
        if (resourceIds.contains(name) || name.startsWith("AWS::")) {
            return Optional.empty(); // known only once deployed
        }
        throw new IllegalArgumentException(node.path() + ": !Ref " + name + " names no parameter or resource");
    }

    private Optional<String> resolveSub(String template) {
        Matcher variable = SUB_VARIABLE.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}"; // ${!Literal} is an escaped ${Literal}
            } else if (parameters.isDeclared(name) && parameters.value(name).isPresent()) {
                replacement = parameters.value(name).get();
            } else {
                return Optional.empty();
            }
            variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(resolved);
        return Optional.of(resolved.toString());
    }
}
