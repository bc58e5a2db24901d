package dev.llmpipeline.local.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses CloudFormation YAML into plain, deeply unmodifiable maps, lists and scalars. A short-form intrinsic
 * becomes the one-key map of CloudFormation's JSON form: {@code !Ref X} is {@code {"Ref": "X"}}, {@code !Sub s}
 * is {@code {"Fn::Sub": s}}, and {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}}. Any other tag is
 * rejected, as CloudFormation would. Only SnakeYAML's safe constructor is used: no class is ever instantiated
 * from a tag.
 */
final class CloudFormationYaml {

    private static final Map<String, String> INTRINSICS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!Cidr", "Fn::Cidr"),
            Map.entry("!Transform", "Fn::Transform"));

    /** Tags whose argument must be a single name. */
    private static final Set<String> NAME_ONLY = Set.of("Ref", "Condition");

    private CloudFormationYaml() {
    }

    /**
     * Parses one template.
     *
     * @param yaml   the template text
     * @param source what to call the template in error messages, usually its path
     * @throws IllegalArgumentException if the text is not valid YAML, uses an unknown tag or is not a mapping
     */
    static Map<String, Object> parse(String yaml, String source) {
        LoaderOptions options = loaderOptions();
        DumperOptions unused = new DumperOptions();
        Yaml parser = new Yaml(new IntrinsicConstructor(options), new Representer(unused), unused, options,
                new Resolver());
        Object document;
        try {
            document = parser.load(yaml);
        } catch (YAMLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(source + ": expected a mapping at the top level, found "
                    + TemplateNode.describe(document));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) freeze(document);
        return template;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // CloudFormation rejects them; the last one must not win silently
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        // CloudFormation takes templates of up to 1 MB; four times that is plenty for a source template.
        options.setCodePointLimit(4 * 1024 * 1024);
        return options;
    }

    /** Copies into unmodifiable collections with string keys, in document order. */
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), freeze(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(freeze(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static String position(Node node) {
        return "line " + (node.getStartMark().getLine() + 1) + ", column " + (node.getStartMark().getColumn() + 1);
    }

    /** The safe constructor plus CloudFormation's tags. */
    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            INTRINSICS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new ConstructIntrinsic(function)));
            // CloudFormation reads an unquoted 2012-10-17 as text, not as a date.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlConstructors.put(null, new RejectUnknownTag());
        }

        private final class ConstructIntrinsic extends AbstractConstruct {
            private final String function;

            ConstructIntrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = constructScalar(scalar);
                } else if (NAME_ONLY.contains(function)) {
                    throw new IllegalArgumentException(node.getTag().getValue() + " takes a name, not a "
                            + node.getNodeId() + ", at " + position(node));
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                if (function.equals("Fn::GetAtt") && argument instanceof String dotted) {
                    argument = splitGetAtt(dotted, node);
                }
                return Map.of(function, argument);
            }
        }

        /** {@code !GetAtt Resource.Attribute}; the attribute may contain dots itself (Outputs.Name). */
        private static List<String> splitGetAtt(String dotted, Node node) {
            int dot = dotted.indexOf('.');
            if (dot <= 0 || dot == dotted.length() - 1) {
                throw new IllegalArgumentException("!GetAtt " + dotted + " at " + position(node)
                        + ": expected Resource.Attribute");
            }
            return List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }

        private static final class RejectUnknownTag extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                throw new IllegalArgumentException("unknown tag " + node.getTag().getValue() + " at "
                        + position(node) + "; the known tags are " + new TreeSet<>(INTRINSICS.keySet()));
            }
        }
    }
}
