package dev.llmpipeline.local.template.spec;

import dev.llmpipeline.core.config.ConfigException;
import dev.llmpipeline.result.ResultConfig;
import dev.llmpipeline.submit.SubmitConfig;
import dev.llmpipeline.worker.DeadLetterConfig;
import dev.llmpipeline.worker.WorkerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks each function's environment against what its configuration reads, by building the config from the
 * template's environment (values resolved by {@link TemplateValues}) plus what Lambda provides, through a
 * {@link RecordingEnvironment}: the config must accept it (every variable it requires is set, every value is
 * valid), and every variable the template sets must be read by the config or by a library ({@link
 * #READ_BY_LIBRARIES}). Variables the config reads but the template leaves unset are optional: the config was
 * built without them. Handlers are not built: their constructors create SDK clients and send priming requests.
 */
final class EnvironmentCheck {

    /** How each handler of this project reads its configuration. */
    static final Map<String, Function<Map<String, String>, ?>> PROJECT_CONFIGS = Map.of(
            "dev.llmpipeline.submit.SubmitHandler", SubmitConfig::fromEnvironment,
            "dev.llmpipeline.result.ResultHandler", ResultConfig::fromEnvironment,
            "dev.llmpipeline.worker.WorkerHandler", WorkerConfig::fromEnvironment,
            "dev.llmpipeline.worker.DeadLetterHandler", DeadLetterConfig::fromEnvironment);

    /**
     * What the Lambda runtime sets in every function (values made up):
     * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
     */
    static final Map<String, String> LAMBDA_PROVIDED = Map.ofEntries(
            Map.entry("AWS_REGION", "us-east-1"), Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
            Map.entry("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            Map.entry("AWS_SESSION_TOKEN", "session-token"), Map.entry("AWS_LAMBDA_FUNCTION_NAME", "function"),
            Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "1"), Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"),
            Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/function"),
            Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "stream"), Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
            Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"), Map.entry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"),
            Map.entry("LAMBDA_TASK_ROOT", "/var/task"), Map.entry("LAMBDA_RUNTIME_DIR", "/var/runtime"),
            Map.entry("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000"), Map.entry("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR"),
            Map.entry("_X_AMZN_TRACE_ID", "Root=1-00000000-000000000000000000000000"), Map.entry("_HANDLER", "h"),
            Map.entry("TZ", ":UTC"), Map.entry("LANG", "en_US.UTF-8"));

    /**
     * Variables a template may set for a library rather than for our config: the JVM, Powertools for AWS Lambda
     * (https://docs.powertools.aws.dev/lambda/java/#environment-variables) and the embedded metrics format library.
     */
    static final Set<String> READ_BY_LIBRARIES = Set.of("JAVA_TOOL_OPTIONS",
            "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL",
            "POWERTOOLS_LOGGER_LOG_EVENT", "POWERTOOLS_LOGGER_SAMPLE_RATE", "POWERTOOLS_TRACER_CAPTURE_RESPONSE",
            "POWERTOOLS_TRACER_CAPTURE_ERROR", "POWERTOOLS_TRACE_DISABLED", "POWERTOOLS_METRICS_DISABLED",
            "AWS_EMF_ENVIRONMENT", "AWS_EMF_NAMESPACE", "AWS_EMF_SERVICE_NAME", "AWS_EMF_SERVICE_TYPE",
            "AWS_EMF_LOG_GROUP_NAME", "AWS_EMF_LOG_STREAM_NAME");

    private final Map<String, Function<Map<String, String>, ?>> configs;

    EnvironmentCheck(Map<String, Function<Map<String, String>, ?>> configs) {
        this.configs = configs;
    }

    List<String> check(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        TemplateValues values = new TemplateValues(template);
        Map<String, Object> globals = Maps.of(Maps.of(template.get("Globals")).get("Function"));
        Maps.of(template.get("Resources")).forEach((logicalId, resource) -> {
            Map<String, Object> attributes = Maps.of(resource);
            if (!"AWS::Serverless::Function".equals(attributes.get("Type"))) {
                return;
            }
            Map<String, Object> properties = Maps.of(attributes.get("Properties"));
            String handler = String.valueOf(properties.getOrDefault("Handler", globals.get("Handler")));
            Map<String, Object> environment = new LinkedHashMap<>(variables(globals));
            environment.putAll(variables(properties)); // SAM merges them; the function's own win
            check("Resources." + logicalId, handler.replaceFirst("::.*", ""), environment, values, problems);
        });
        return problems;
    }

    private void check(String path, String handlerClass, Map<String, Object> environment, TemplateValues values,
            List<String> problems) {
        Function<Map<String, String>, ?> config = configs.get(handlerClass);
        if (config == null) {
            problems.add(path + ".Properties.Handler: no config known for " + handlerClass
                    + "; add how it reads its environment to EnvironmentCheck.PROJECT_CONFIGS");
            return;
        }
        Map<String, String> variables = new HashMap<>(LAMBDA_PROVIDED);
        environment.forEach((name, value) -> variables.put(name, values.resolve(value)));
        RecordingEnvironment recording = new RecordingEnvironment(variables);
        try {
            config.apply(recording);
        } catch (ConfigException e) {
            problems.add(path + ".Properties.Environment: the config of " + handlerClass + " refuses it: "
                    + e.getMessage());
        }
        environment.keySet().stream()
                .filter(name -> !recording.namesRead().contains(name) && !READ_BY_LIBRARIES.contains(name))
                .forEach(name -> problems.add(path + ": environment variable " + name + " (set here or in "
                        + "Globals.Function) is never read by the config of " + handlerClass));
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return Maps.of(Maps.of(functionProperties.get("Environment")).get("Variables"));
    }
}
