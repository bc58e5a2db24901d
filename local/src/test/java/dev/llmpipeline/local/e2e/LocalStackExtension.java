package dev.llmpipeline.local.e2e;

import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ONE local stack per test JVM, the first time a test asks for it, and stops it when the JVM's tests are
 * done: the stack lives in the root context's store, which JUnit closes last. Resolves {@link LocalStack}
 * parameters, and {@link PipelineClient} parameters annotated with {@link Owner} to a client of that owner.
 *
 * <p>Time runs at {@value #TIME_SCALE} of real time, so the emulated GPU, the leases and the functions' timeouts
 * are fast; the template's batching window is not scaled, so a batch still gathers for up to a second.
 */
public final class LocalStackExtension implements ParameterResolver {
    static final double TIME_SCALE = 0.02;
    static final Map<String, String> OWNERS_BY_TOKEN = Map.of("token-alice", "alice", "token-bob", "bob");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LocalStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == PipelineClient.class && parameter.isAnnotated(Owner.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningStack running = running(context);
        if (parameter.getParameter().getType() == LocalStack.class) {
            return running.stack();
        }
        String owner = parameter.findAnnotation(Owner.class).orElseThrow().value();
        PipelineClient client = running.clientsByOwner().get(owner);
        if (client == null) {
            throw new ParameterResolutionException("no token for owner '" + owner + "'; owners are "
                    + running.clientsByOwner().keySet());
        }
        return client;
    }

    /** The token the stack maps to {@code owner}. */
    public static String tokenOf(String owner) {
        return OWNERS_BY_TOKEN.entrySet().stream().filter(entry -> entry.getValue().equals(owner))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown owner " + owner));
    }

    private static RunningStack running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningStack.class, key -> RunningStack.start(), RunningStack.class);
    }

    /**
     * The started stack and a client per owner. JUnit 5.13+ closes {@link AutoCloseable} store values when their
     * context closes (this replaces the deprecated {@code Store.CloseableResource}); the root context closes after
     * the last test of the JVM.
     */
    record RunningStack(LocalStack stack, Map<String, PipelineClient> clientsByOwner) implements AutoCloseable {

        static RunningStack start() {
            // The repository root, set by the failsafe configuration of this module.
            Path home = Path.of(System.getProperty("pipeline.home", ".."));
            LocalStack stack = LocalStack.start(LocalStackSettings.defaults(home)
                    .withApiPort(0)
                    .withTimeScale(TIME_SCALE)
                    .withOwnersByToken(OWNERS_BY_TOKEN));
            Map<String, PipelineClient> clients = OWNERS_BY_TOKEN.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getValue, entry -> new PipelineClient(stack.apiUrl(), entry.getKey())));
            return new RunningStack(stack, Map.copyOf(clients));
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
