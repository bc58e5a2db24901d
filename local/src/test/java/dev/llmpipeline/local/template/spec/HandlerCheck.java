package dev.llmpipeline.local.template.spec;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks each {@code AWS::Serverless::Function}'s {@code Handler} against its {@code CodeUri}: the code is the
 * shaded jar of one of our modules ({@code MODULE/target/MODULE-lambda.jar}), the handler class is in that
 * module's sources, implements {@link RequestHandler}, has the public no-argument constructor Lambda calls and a
 * public {@code method(input, Context)}. The class is loaded from the test classpath without being initialised.
 */
final class HandlerCheck {

    private static final Pattern CODE_URI = Pattern.compile("([a-z0-9-]+)/target/\\1-lambda\\.jar");
    private static final Pattern HANDLER = Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)::(\\w+)");

    private final Path repository;

    HandlerCheck(Path repository) {
        this.repository = repository;
    }

    List<String> check(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> globals = Maps.of(Maps.of(template.get("Globals")).get("Function"));
        Maps.of(template.get("Resources")).forEach((logicalId, resource) -> {
            Map<String, Object> attributes = Maps.of(resource);
            if (!"AWS::Serverless::Function".equals(attributes.get("Type"))) {
                return;
            }
            Map<String, Object> properties = Maps.of(attributes.get("Properties"));
            String path = "Resources." + logicalId + ".Properties";
            Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
            Object codeUri = properties.getOrDefault("CodeUri", globals.get("CodeUri"));
            check(path, handler, codeUri, problems);
        });
        return problems;
    }

    private void check(String path, Object handler, Object codeUri, List<String> problems) {
        Matcher code = CODE_URI.matcher(String.valueOf(codeUri));
        if (!code.matches()) {
            problems.add(path + ".CodeUri: expected MODULE/target/MODULE-lambda.jar, found " + codeUri);
            return;
        }
        String module = code.group(1);
        if (!Files.isRegularFile(repository.resolve(module).resolve("pom.xml"))) {
            problems.add(path + ".CodeUri: " + module + " is not a module of this repository");
            return;
        }
        Matcher name = HANDLER.matcher(String.valueOf(handler));
        if (!name.matches()) {
            problems.add(path + ".Handler: expected package.Class::method, found " + handler);
            return;
        }
        String className = name.group(1);
        Path source = repository.resolve(module).resolve("src/main/java")
                .resolve(className.replace('.', '/') + ".java");
        if (!Files.isRegularFile(source)) {
            problems.add(path + ".Handler: no class " + className + " in module " + module + " (" + source + ")");
            return;
        }
        checkClass(path + ".Handler", className, name.group(2), problems);
    }

    private static void checkClass(String path, String className, String methodName, List<String> problems) {
        Class<?> type;
        try {
            type = Class.forName(className, false, HandlerCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            problems.add(path + ": " + className + " is not on the classpath");
            return;
        }
        if (!RequestHandler.class.isAssignableFrom(type)) {
            problems.add(path + ": " + className + " does not implement " + RequestHandler.class.getName());
        }
        boolean publicConstructor = Arrays.stream(type.getConstructors())
                .anyMatch(constructor -> constructor.getParameterCount() == 0);
        if (!Modifier.isPublic(type.getModifiers()) || !publicConstructor) {
            problems.add(path + ": " + className + " needs to be public with a public no-argument constructor");
        }
        boolean method = Arrays.stream(type.getMethods()).anyMatch(candidate -> isHandlerMethod(candidate, methodName));
        if (!method) {
            problems.add(path + ": " + className + " has no public method " + methodName + "(input, Context)");
        }
    }

    private static boolean isHandlerMethod(Method method, String name) {
        return method.getName().equals(name) && method.getParameterCount() == 2
                && method.getParameterTypes()[1] == Context.class;
    }
}
