package dev.stoa.test.service;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.TestHttp;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a {@link StoaServiceTest} the service's REST face and its database: a {@link TestHttp}, or a service's own
 * test API extending it (built through its {@code (String baseUrl)} constructor), and the
 * {@link StoaPostgres.Database} the service runs on.
 */
public final class StoaServiceExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return TestHttp.class.isAssignableFrom(type) || type == StoaPostgres.Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == StoaPostgres.Database.class) {
            return StoaPostgres.database(
                    StoaServiceContextCustomizerFactory.database(ServiceTests.annotation(context)));
        }
        String port = ServiceTests.service(context).getEnvironment().getRequiredProperty("local.server.port");
        String baseUrl = "http://127.0.0.1:" + port;
        if (type == TestHttp.class) {
            return new TestHttp(baseUrl);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(String.class);
            constructor.setAccessible(true); // test helpers are usually package-private
            return constructor.newInstance(baseUrl);
        } catch (ReflectiveOperationException e) {
            throw new ParameterResolutionException(
                    type.getName() + " needs a constructor taking the service's base URL (String)", e);
        }
    }
}
