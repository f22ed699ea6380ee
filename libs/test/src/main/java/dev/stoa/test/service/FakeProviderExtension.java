package dev.stoa.test.service;

import dev.stoa.fakeprovider.FakeProvider;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the JVM's {@link FakeProvider}, a model provider speaking the OpenAI and Anthropic protocols over real
 * HTTP. Before each test it forgets scripts, failures and requests and again accepts only {@link #API_KEY}.
 */
public final class FakeProviderExtension implements ParameterResolver, BeforeEachCallback {
    /** The key the fake accepts (long enough that a preview shows its last four characters, {@code WXYZ}). */
    public static final String API_KEY = "sk-test-0123456789abcdef-WXYZ";

    /** The JVM's fake provider, started on first use. */
    public static FakeProvider fakeProvider() {
        return Shared.FAKE;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeProvider.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fakeProvider();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fakeProvider().reset();
        fakeProvider().requireApiKey(API_KEY);
    }

    private static final class Shared {
        static final FakeProvider FAKE = FakeProvider.start().requireApiKey(API_KEY);
    }
}
