package dev.stoa.test.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * Runs a Stoa service for a test class as it runs in production (its {@code main}, its configuration file) on a random
 * port, against the JVM's embedded PostgreSQL (its own database) and in-JVM Kafka, with gRPC served in-process, a
 * {@link dev.stoa.test.MutableClock} as its clock and, unless it is the issuer itself, trusting the test token issuer.
 * Test classes with the same attributes share one running service (Spring caches the context).
 *
 * <p>Test methods and constructors may ask for a {@link dev.stoa.test.TestHttp} (the service's REST port), a
 * {@code StoaPostgres.Database} (its database), an {@link io.grpc.ManagedChannel} (its in-process gRPC server), a
 * {@link dev.stoa.test.MutableClock} (reset after each test), a {@link dev.stoa.test.TestJwtIssuer} (the platform
 * token issuer the service trusts) and a {@link dev.stoa.fakeprovider.FakeProvider} (a model provider over real HTTP,
 * reset before each test).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@ExtendWith({
    StoaServiceExtension.class,
    GrpcChannelExtension.class,
    MutableClockExtension.class,
    PlatformIssuerExtension.class,
    FakeProviderExtension.class
})
public @interface StoaServiceTest {

    /** The service's name: it names its database (unless {@link #database} does) and its in-process gRPC server. */
    String service();

    /** The database the service runs on, when a test configuration needs one of its own; the service's by default. */
    String database() default "";

    /** The service's {@code @SpringBootApplication} class (its {@code main} starts it). */
    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};

    /** Extra {@code key=value} properties of this test configuration. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /**
     * Whether the service validates platform tokens against the test issuer's JWKS ({@link PlatformIssuerExtension});
     * false for identity-service, which issues and checks its own.
     */
    boolean trustsTestIssuer() default true;
}
