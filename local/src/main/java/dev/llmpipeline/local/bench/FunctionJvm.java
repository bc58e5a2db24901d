package dev.llmpipeline.local.bench;

import dev.llmpipeline.local.lambda.LocalContext;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.template.FunctionSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a function of the template in a JVM of its own, as Lambda runs it: the function's Lambda jar on the class
 * path (plus one of the bench's probe classes, which drives the handler), the environment the function has on the
 * local stack and nothing else, the template's {@code JAVA_TOOL_OPTIONS}, and the flags Lambda's Java runtime uses for
 * the function's memory: the serial collector and a heap of about 85% of it.
 */
final class FunctionJvm {
    /** The probes' class files: they need nothing but the JDK and the Lambda interfaces the function's jar holds. */
    private static final List<Class<?>> PROBE_CLASSES = List.of(ColdStartProbe.class, WorkerLoadProbe.class,
            LocalContext.class);

    private final LocalStack stack;
    private final Path home;
    private final Path probeClasses;

    FunctionJvm(LocalStack stack, Path home, Path workDir) {
        this.stack = stack;
        this.home = home;
        this.probeClasses = extractProbes(workDir);
    }

    /** The local stack the functions talk to. */
    LocalStack stack() {
        return stack;
    }

    /**
     * Starts {@code probe} with the function's handler class and these arguments; standard error is discarded (the
     * function's logs), standard output is the probe's report.
     */
    Process start(String functionLogicalId, Class<?> probe, List<String> arguments) throws IOException {
        FunctionSpec function = stack.template().functions().stream()
                .filter(candidate -> candidate.logicalId().equals(functionLogicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + functionLogicalId));
        Path jar = home.resolve(function.codeUri());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn package first");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                "-XX:+UseSerialGC", "-Xmx" + function.memoryMb() * 85 / 100 + "m"));
        // For experiments with the JVM's options: -Dpipeline.bench.jvm-options="-Xlog:class+load:file=x.log"
        String extra = System.getProperty("pipeline.bench.jvm-options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", jar + File.pathSeparator + probeClasses, probe.getName(),
                function.handler().split("::", 2)[0]));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(stack.environment(functionLogicalId));
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Copies the probes' class files, their nested classes included, and only them, into a folder of their own for
     * the JVM's class path.
     */
    private static Path extractProbes(Path workDir) {
        Path classes = workDir.resolve("probe-classes");
        try {
            for (Class<?> probe : PROBE_CLASSES) {
                String folder = probe.getPackageName().replace('.', '/');
                Path target = Files.createDirectories(classes.resolve(folder));
                for (int nested = 0; ; nested++) {
                    String name = probe.getSimpleName() + (nested == 0 ? "" : "$" + nested) + ".class";
                    try (InputStream bytes = probe.getResourceAsStream(name)) {
                        if (bytes == null) {
                            break;
                        }
                        Files.copy(bytes, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the probe classes", e);
        }
        return classes;
    }
}
