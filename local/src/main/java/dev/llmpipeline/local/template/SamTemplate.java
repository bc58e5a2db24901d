package dev.llmpipeline.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The project's SAM template ({@code template.yaml}), read so that the local stack takes its settings from
 * the same file that deploys the pipeline, and the two cannot drift apart.
 *
 * <p>Values resolve as CloudFormation would resolve them before deployment: a {@code !Ref} to a parameter
 * becomes the parameter's value in force (its default, or an override given to {@link #withParameters}).
 * What only a deployment knows, such as a resource's name, stays an intrinsic map. Every error is an
 * {@link IllegalArgumentException} that names the resource or property at fault.
 *
 * <p>Immutable and thread-safe; {@link #withParameters} returns a new instance.
 */
public final class SamTemplate {

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    private final Map<String, Object> document;
    private final TemplateParameters parameters;
    private final TemplateNode root;
    private final ValueResolver values;

    private SamTemplate(Map<String, Object> document, TemplateParameters parameters) {
        this.document = document;
        this.parameters = parameters;
        this.root = new TemplateNode("", document);
        this.values = new ValueResolver(parameters, root.get("Resources").entries().keySet());
    }

    /**
     * Reads and parses a template, understanding CloudFormation's short-form tags ({@code !Ref}, {@code !GetAtt},
     * {@code !Sub}, ...). A tag becomes a one-key map: {@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["X", "Arn"]}}.
     *
     * @param templateYaml the template file
     * @return the template, with every parameter at its default
     * @throws IllegalArgumentException if the file is missing, is not valid YAML or uses an unknown tag
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static SamTemplate load(Path templateYaml) {
        if (!Files.isRegularFile(templateYaml)) {
            throw new IllegalArgumentException("no template at " + templateYaml.toAbsolutePath());
        }
        try {
            return parse(Files.readString(templateYaml, StandardCharsets.UTF_8), templateYaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templateYaml, e);
        }
    }

    /** Parses template text; {@code source} names it in errors. */
    static SamTemplate parse(String yaml, String source) {
        Map<String, Object> document = CloudFormationYaml.parse(yaml, source);
        TemplateNode parametersSection = new TemplateNode("", document).get("Parameters");
        return new SamTemplate(document, TemplateParameters.declaredIn(parametersSection));
    }

    /**
     * A copy that resolves parameters with {@code overrides} in place of their defaults (and of earlier
     * overrides), as {@code sam deploy --parameter-overrides} would.
     *
     * @param overrides parameter name to value, as text (numbers too)
     * @return the new template; this one is unchanged
     * @throws IllegalArgumentException if a parameter is not declared, or a value breaks the parameter's
     *                                  {@code Type: Number}, {@code MinValue}, {@code MaxValue},
     *                                  {@code AllowedValues} or {@code AllowedPattern}
     */
    public SamTemplate withParameters(Map<String, String> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        return new SamTemplate(document, parameters.with(overrides));
    }

    /** The whole document as unmodifiable maps, lists and scalars, intrinsics as one-key maps. */
    public Map<String, Object> raw() {
        return document;
    }

    /** Each parameter that declares a {@code Default}, with it as text; overrides do not change this. */
    public Map<String, String> parameterDefaults() {
        return parameters.defaults();
    }

    /** Each parameter's value in force: its override, else its default. Parameters with neither are absent. */
    public Map<String, String> parameterValues() {
        return parameters.values();
    }

    /**
     * Every {@code AWS::Serverless::Function}, in template order, with the globals applied.
     *
     * @throws IllegalArgumentException naming the property, if one the local stack needs is missing or cannot
     *                                  be resolved
     */
    public List<FunctionSpec> functions() {
        FunctionReader reader = new FunctionReader(root, values);
        return root.get("Resources").entries().values().stream()
                .filter(resource -> SERVERLESS_FUNCTION.equals(resource.get("Type").value()))
                .map(reader::read)
                .toList();
    }

    /**
     * One function by its logical id.
     *
     * @throws IllegalArgumentException if there is no such {@code AWS::Serverless::Function}
     */
    public FunctionSpec function(String logicalId) {
        TemplateNode resource = root.get("Resources").get(logicalId);
        if (!SERVERLESS_FUNCTION.equals(resource.get("Type").value())) {
            throw new IllegalArgumentException("no " + SERVERLESS_FUNCTION + " " + logicalId
                    + " in the template's Resources");
        }
        return new FunctionReader(root, values).read(resource);
    }

    /**
     * The {@code AWS::SQS::Queue} with this logical id.
     *
     * @throws IllegalArgumentException if it is missing, of another type, or its settings cannot be resolved
     */
    public QueueSpec queue(String logicalId) {
        return new ResourceReader(root, values).queue(logicalId);
    }

    /**
     * The {@code AWS::DynamoDB::Table} with this logical id.
     *
     * @throws IllegalArgumentException if it is missing, of another type, or its schema is incomplete
     */
    public TableSpec table(String logicalId) {
        return new ResourceReader(root, values).table(logicalId);
    }

    /**
     * The throttling of the template's one {@code AWS::Serverless::HttpApi}, from its
     * {@code DefaultRouteSettings}, resolved.
     *
     * @throws IllegalArgumentException if there is not exactly one HTTP API, or its throttling is not set
     */
    public HttpApiSpec httpApi() {
        return new ResourceReader(root, values).httpApi();
    }
}
