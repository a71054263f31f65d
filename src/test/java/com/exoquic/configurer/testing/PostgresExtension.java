package com.exoquic.configurer.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands tests a throwaway {@link PostgresServer}: a parameter of a test method gets a server of its own,
 * a parameter of a {@code @BeforeAll} method or constructor one for the whole class. Servers are deleted
 * when their scope ends.
 *
 * <p>A server starts with {@code wal_level = logical} plus the {@link ServerConfig} lines of the test's class and
 * method; {@code @ServerConfig(WAL_LEVEL_REPLICA)} gives the server migrate has to configure and restart. Local
 * servers are cheap: initdb runs once per major version per JVM and each server gets a copy of that data
 * directory, on a port reserved for it ({@link LocalPostgresServer}).
 */
public final class PostgresExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        boolean perTest = parameter.getDeclaringExecutable() instanceof Method method
                && context.getTestMethod().map(method::equals).orElse(false);
        ExtensionContext scope = perTest ? context : classContext(context);
        List<String> config = new ArrayList<>();
        scope.getTestClass().ifPresent(type -> config.addAll(lines(type)));
        scope.getTestMethod().ifPresent(method -> config.addAll(lines(method)));
        // Keyed by scope: a store also sees its parents' values, so a plain key would hand a test the class's server.
        return scope.getStore(NAMESPACE)
                .getOrComputeIfAbsent("server " + scope.getUniqueId(), key -> new Holder(PostgresServers.start(config)),
                        Holder.class)
                .server;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        Optional<ExtensionContext> current = Optional.of(context);
        while (current.isPresent() && current.get().getTestMethod().isPresent()) {
            current = current.get().getParent();
        }
        return current.orElse(context);
    }

    private static List<String> lines(AnnotatedElement element) {
        ServerConfig config = element.getAnnotation(ServerConfig.class);
        return config == null ? List.of() : List.of(config.value());
    }

    private record Holder(PostgresServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
