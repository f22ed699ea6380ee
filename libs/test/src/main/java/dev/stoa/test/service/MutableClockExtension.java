package dev.stoa.test.service;

import dev.stoa.test.MutableClock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a {@link StoaServiceTest} the service's clock, a {@link MutableClock}, and puts it back to the system time
 * after each test, so a test that moves time does not move it for the next one.
 */
public final class MutableClockExtension implements ParameterResolver, AfterEachCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MutableClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return clock(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clock(context).reset();
    }

    private static MutableClock clock(ExtensionContext context) {
        return ServiceTests.service(context).getBean(StoaServiceContextCustomizer.CLOCK_BEAN, MutableClock.class);
    }
}
