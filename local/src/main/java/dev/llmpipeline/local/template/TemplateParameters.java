package dev.llmpipeline.local.template;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template's parameters: their declarations, defaults and the values in force (defaults, replaced by
 * overrides). An override is checked against its declaration the way CloudFormation checks a parameter
 * value, so the local stack cannot run with a setting that a deployment would refuse. Immutable.
 */
final class TemplateParameters {

    private final Map<String, TemplateNode> declarations;
    private final Map<String, String> defaults;
    private final Map<String, String> values;

    private TemplateParameters(Map<String, TemplateNode> declarations, Map<String, String> defaults,
            Map<String, String> values) {
        this.declarations = declarations;
        this.defaults = Collections.unmodifiableMap(defaults);
        this.values = Collections.unmodifiableMap(values);
    }

    /** Reads the {@code Parameters} section; it may be absent. */
    static TemplateParameters declaredIn(TemplateNode parametersSection) {
        Map<String, TemplateNode> declarations = parametersSection.entries();
        Map<String, String> defaults = new LinkedHashMap<>();
        declarations.forEach((name, declaration) -> {
            TemplateNode defaultValue = declaration.get("Default");
            if (!defaultValue.isMissing()) {
                defaults.put(name, asParameterText(defaultValue));
            }
        });
        return new TemplateParameters(declarations, defaults, new LinkedHashMap<>(defaults));
    }

    /**
     * A copy whose values are replaced by {@code overrides}.
     *
     * @throws IllegalArgumentException naming the parameter, if one is not declared or breaks its constraints
     */
    TemplateParameters with(Map<String, String> overrides) {
        Map<String, String> newValues = new LinkedHashMap<>(values);
        overrides.forEach((name, value) -> {
            if (!declarations.containsKey(name)) {
                throw new IllegalArgumentException("Parameter " + name + " is not declared in the template; "
                        + "declared are " + declarations.keySet());
            }
            if (value == null) {
                throw new IllegalArgumentException("Parameter " + name + ": the override is null");
            }
            check(name, value);
            newValues.put(name, value);
        });
        return new TemplateParameters(declarations, defaults, newValues);
    }

    boolean isDeclared(String name) {
        return declarations.containsKey(name);
    }

    /** The value in force: the override, else the default; empty if the parameter has neither. */
    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Map<String, String> defaults() {
        return defaults;
    }

    Map<String, String> values() {
        return values;
    }

    private void check(String name, String value) {
        TemplateNode declaration = declarations.get(name);
        String where = "Parameter " + name + " = '" + value + "'";
        if (declaration.get("Type").value() instanceof String type && type.equals("Number")) {
            BigDecimal number = number(value, where + " is not a number");
            bound(declaration.get("MinValue"), where).ifPresent(min -> {
                if (number.compareTo(min) < 0) {
                    throw new IllegalArgumentException(where + " is below its MinValue " + min.toPlainString());
                }
            });
            bound(declaration.get("MaxValue"), where).ifPresent(max -> {
                if (number.compareTo(max) > 0) {
                    throw new IllegalArgumentException(where + " is above its MaxValue " + max.toPlainString());
                }
            });
        }
        List<String> allowed = declaration.get("AllowedValues").items().stream()
                .map(TemplateParameters::asParameterText).toList();
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw new IllegalArgumentException(where + " is not one of its AllowedValues " + allowed);
        }
        TemplateNode pattern = declaration.get("AllowedPattern");
        if (!pattern.isMissing() && !value.matches(pattern.text())) {
            throw new IllegalArgumentException(where + " does not match its AllowedPattern " + pattern.text());
        }
    }

    private static Optional<BigDecimal> bound(TemplateNode bound, String where) {
        if (bound.isMissing()) {
            return Optional.empty();
        }
        return Optional.of(number(asParameterText(bound), where + ": bad " + bound.path()));
    }

    private static BigDecimal number(String text, String message) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message, e);
        }
    }

    /** Parameter values are text in CloudFormation; a YAML list default is a comma-delimited list. */
    private static String asParameterText(TemplateNode node) {
        if (node.value() instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (node.value() instanceof Map<?, ?>) {
            throw new IllegalArgumentException(node.path() + ": expected a literal, found "
                    + TemplateNode.describe(node.value()));
        }
        return String.valueOf(node.value());
    }
}
