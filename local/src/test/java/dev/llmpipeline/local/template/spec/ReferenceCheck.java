package dev.llmpipeline.local.template.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every reference of a template resolves: {@code Ref} to a parameter, a resource or a pseudo parameter;
 * {@code Fn::GetAtt} to a resource and an attribute its type has; each {@code ${X}} and {@code ${X.Attr}} of
 * {@code Fn::Sub} likewise or to a variable of the Sub's own map ({@code ${!Literal}} is text); conditions named by
 * {@code Fn::If}, {@code Condition} and a resource's or output's {@code Condition} exist; {@code DependsOn} names
 * resources. Each problem names its path in the template.
 */
final class ReferenceCheck {

    /** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final ResourceSpecification specification;

    ReferenceCheck(ResourceSpecification specification) {
        this.specification = specification;
    }

    List<String> check(Map<String, Object> template) {
        Names names = new Names(Maps.of(template.get("Parameters")).keySet(), resourceTypes(template),
                Maps.of(template.get("Conditions")).keySet());
        List<String> problems = new ArrayList<>();
        for (String section : List.of("Conditions", "Globals", "Resources", "Outputs")) {
            Maps.of(template.get(section)).forEach((name, value) ->
                    new Walk(names, problems).visit(value, section + "." + name, Set.of()));
        }
        Maps.of(template.get("Resources")).forEach((logicalId, resource) -> {
            Map<String, Object> attributes = Maps.of(resource);
            Object dependsOn = attributes.get("DependsOn");
            for (Object target : dependsOn instanceof List<?> list ? list : dependsOn == null ? List.of()
                    : List.of(dependsOn)) {
                if (!names.resources().containsKey(String.valueOf(target))) {
                    problems.add("Resources." + logicalId + ".DependsOn: no resource " + target);
                }
            }
        });
        for (String section : List.of("Resources", "Outputs")) {
            Maps.of(template.get(section)).forEach((name, entry) -> {
                Object condition = Maps.of(entry).get("Condition");
                if (condition != null && !names.conditions().contains(String.valueOf(condition))) {
                    problems.add(section + "." + name + ".Condition: no condition " + condition + " in Conditions");
                }
            });
        }
        return problems;
    }

    private static Map<String, String> resourceTypes(Map<String, Object> template) {
        Map<String, String> types = new LinkedHashMap<>();
        Maps.of(template.get("Resources")).forEach((logicalId, resource) ->
                types.put(logicalId, String.valueOf(Maps.of(resource).get("Type"))));
        return types;
    }

    private record Names(Set<String> parameters, Map<String, String> resources, Set<String> conditions) {
    }

    /** One pass over a part of the template, adding to {@code problems}. */
    private final class Walk {
        private final Names names;
        private final List<String> problems;

        Walk(Names names, List<String> problems) {
            this.names = names;
            this.problems = problems;
        }

        void visit(Object node, String path, Set<String> subVariables) {
            if (node instanceof List<?> items) {
                for (int index = 0; index < items.size(); index++) {
                    visit(items.get(index), path + "[" + index + "]", subVariables);
                }
                return;
            }
            if (!(node instanceof Map<?, ?>)) {
                return;
            }
            Map<String, Object> map = Maps.of(node);
            if (map.size() == 1) {
                String function = map.keySet().iterator().next();
                Object argument = map.get(function);
                switch (function) {
                    case "Ref" -> checkRef(String.valueOf(argument), path);
                    case "Fn::GetAtt" -> checkGetAtt(argument, path);
                    case "Fn::Sub" -> checkSub(argument, path);
                    case "Fn::If" -> checkIf(argument, path);
                    case "Condition" -> {
                        if (argument instanceof String name) { // in Conditions; an IAM Condition is a mapping
                            checkCondition(name, path);
                        }
                    }
                    default -> {
                    }
                }
                if (function.equals("Fn::Sub")) {
                    return; // its parts were visited by checkSub
                }
            }
            map.forEach((key, value) -> visit(value, path + "." + key, subVariables));
        }

        private void checkRef(String name, String path) {
            if (!names.parameters().contains(name) && !names.resources().containsKey(name)
                    && !PSEUDO_PARAMETERS.contains(name)) {
                problems.add(path + ": Ref " + name + " names no parameter, resource or pseudo parameter");
            }
        }

        private void checkGetAtt(Object argument, String path) {
            List<?> parts = argument instanceof String dotted ? List.of(dotted.split("\\.", 2))
                    : argument instanceof List<?> list ? list : List.of();
            if (parts.size() != 2 || !(parts.get(0) instanceof String resource)) {
                problems.add(path + ": Fn::GetAtt expects [Resource, Attribute], found " + argument);
                return;
            }
            if (parts.get(1) instanceof String attribute) {
                checkAttribute(resource, attribute, path, "Fn::GetAtt");
            } else {
                checkRef(resource, path);
                visit(parts.get(1), path + "[1]", Set.of());
            }
        }

        private void checkAttribute(String resource, String attribute, String path, String function) {
            String type = names.resources().get(resource);
            if (type == null) {
                problems.add(path + ": " + function + " " + resource + "." + attribute + " names no resource");
                return;
            }
            Set<String> attributes = specification.attributes(type);
            boolean stackOutput = attribute.startsWith("Outputs.") && (type.equals("AWS::CloudFormation::Stack")
                    || type.equals("AWS::Serverless::Application"));
            if (!attributes.contains(attribute) && !stackOutput) {
                problems.add(path + ": " + function + " " + resource + "." + attribute + ": " + type
                        + " has no attribute " + attribute + "; it has " + new TreeSet<>(attributes));
            }
        }

        private void checkSub(Object argument, String path) {
            Object text = argument;
            Set<String> variables = Set.of();
            if (argument instanceof List<?> list && list.size() == 2) {
                text = list.get(0);
                Map<String, Object> variableMap = Maps.of(list.get(1));
                variables = variableMap.keySet();
                variableMap.forEach((name, value) -> visit(value, path + "[1]." + name, Set.of()));
            }
            if (!(text instanceof String template)) {
                problems.add(path + ": Fn::Sub expects a string or [string, variables], found " + argument);
                return;
            }
            Matcher variable = SUB_VARIABLE.matcher(template);
            while (variable.find()) {
                String name = variable.group(1).trim();
                if (name.startsWith("!") || variables.contains(name)) {
                    continue; // ${!Literal} is the text ${Literal}
                }
                int dot = name.indexOf('.');
                if (dot > 0 && !name.startsWith("AWS::")) {
                    checkAttribute(name.substring(0, dot), name.substring(dot + 1), path, "Fn::Sub");
                } else if (!names.parameters().contains(name) && !names.resources().containsKey(name)
                        && !PSEUDO_PARAMETERS.contains(name)) {
                    problems.add(path + ": Fn::Sub ${" + name + "} names no parameter, resource, pseudo parameter"
                            + " or variable of the Sub");
                }
            }
        }

        private void checkIf(Object argument, String path) {
            if (argument instanceof List<?> list && list.size() == 3 && list.get(0) instanceof String condition) {
                checkCondition(condition, path);
            } else {
                problems.add(path + ": Fn::If expects [Condition, ValueIfTrue, ValueIfFalse]");
            }
        }

        private void checkCondition(String name, String path) {
            if (!names.conditions().contains(name)) {
                problems.add(path + ": no condition " + name + " in Conditions");
            }
        }
    }
}
