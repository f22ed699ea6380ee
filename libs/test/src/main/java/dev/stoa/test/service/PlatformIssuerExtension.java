package dev.stoa.test.service;

import dev.stoa.test.JwksServer;
import dev.stoa.test.TestJwtIssuer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the platform token issuer that every {@link StoaServiceTest} service trusts: one per JVM, its keys
 * published by a local JWKS server, so a test mints tokens for any org, role or scope without identity-service.
 */
public final class PlatformIssuerExtension implements ParameterResolver {

    /** The JVM's test issuer. */
    public static TestJwtIssuer issuer() {
        return Shared.ISSUER;
    }

    /** Where its keys are published. */
    public static String jwksUri() {
        return Shared.JWKS.jwksUri();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestJwtIssuer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return issuer();
    }

    /** Started on first use; the server's daemon thread dies with the JVM. */
    private static final class Shared {
        static final TestJwtIssuer ISSUER = new TestJwtIssuer();
        static final JwksServer JWKS = JwksServer.start(ISSUER);
    }
}
