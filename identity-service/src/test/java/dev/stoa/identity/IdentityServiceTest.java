package dev.stoa.identity;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * identity-service on the Stoa service test kit, one instance for every IT in the JVM: embedded PostgreSQL, in-JVM
 * Kafka, in-process gRPC; it issues and checks its own tokens. The gateway's service credential is configured, logins
 * back off after three attempts, and mails go to the JVM's SMTP server ({@link TestMailbox}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestMailbox.class)
@StoaServiceTest(
        service = "identity",
        classes = IdentityApplication.class,
        trustsTestIssuer = false,
        properties = {
            "stoa.identity.service-clients.gateway=" + Api.SERVICE_SECRET,
            "stoa.identity.login.free-attempts=3",
            // long enough that no back-off passes by itself while a test runs (tests move the clock instead)
            "stoa.identity.login.base-delay=30s",
            "stoa.identity.mail.delivery=smtp",
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=${" + TestMailbox.PORT_PROPERTY + "}",
            "stoa.web.max-body-bytes=65536"
        })
@interface IdentityServiceTest {}
