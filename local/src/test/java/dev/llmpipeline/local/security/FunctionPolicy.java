package dev.llmpipeline.local.security;

import dev.llmpipeline.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Policies} of a function in the template, read as the statements of inline policy documents with
 * their resources resolved to local ARNs. Anything this cannot read exactly (a managed policy, a SAM policy
 * template, {@code Deny}, {@code NotAction}, a {@code Condition}) is refused, so that nothing escapes the check.
 *
 * @param function   the function's logical id
 * @param statements every {@code Allow} statement of its policies
 */
record FunctionPolicy(String function, List<Statement> statements) {
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "Resource");

    /**
     * One {@code Allow} statement.
     *
     * @param actions   its actions, as written
     * @param resources its resources, resolved to local ARNs
     */
    record Statement(List<String> actions, List<String> resources) {

        /** Each action on each resource. */
        List<Permission> grants() {
            return actions.stream()
                    .flatMap(action -> resources.stream().map(resource -> new Permission(action, resource)))
                    .toList();
        }
    }

    static FunctionPolicy read(SamTemplate template, String function, LocalArns arns) {
        Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) template.raw().get("Resources"))
                .get(function)).get("Properties");
        if (!(properties.get("Policies") instanceof List<?> policies)) {
            throw new IllegalArgumentException(function + ": Policies must be a list of policy documents");
        }
        List<Statement> statements = policies.stream()
                .flatMap(policy -> statementsOf(function, policy).stream())
                .map(statement -> statement(function, (Map<?, ?>) statement, arns))
                .toList();
        return new FunctionPolicy(function, statements);
    }

    private static List<?> statementsOf(String function, Object policy) {
        if (policy instanceof Map<?, ?> document && document.get("Statement") instanceof List<?> statements) {
            return statements;
        }
        throw new IllegalArgumentException(function + ": only inline policy documents can be checked, not "
                + policy);
    }

    /** Every action on every resource that the statements grant. */
    List<Permission> grants() {
        return statements.stream().flatMap(statement -> statement.grants().stream()).toList();
    }

    /** Whether some statement allows {@code needed}. */
    boolean allows(Permission needed) {
        return grants().stream().anyMatch(grant -> grant.allows(needed));
    }

    private static Statement statement(String function, Map<?, ?> statement, LocalArns arns) {
        if (!STATEMENT_KEYS.containsAll(statement.keySet()) || !"Allow".equals(statement.get("Effect"))) {
            throw new IllegalArgumentException(function + ": only Allow statements of Action and Resource can be "
                    + "checked, not " + statement);
        }
        return new Statement(
                listOf(statement.get("Action")).stream().map(String::valueOf).toList(),
                listOf(statement.get("Resource")).stream().map(arns::resolve).toList());
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
