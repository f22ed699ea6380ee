package dev.stoa.identity;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * identity-service on the Stoa service test kit, one instance for every IT in the JVM: embedded PostgreSQL, in-JVM
 * Kafka, in-process gRPC; it issues and checks its own tokens. The gateway's service credential is configured, and
 * logins lock after three failures.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@StoaServiceTest(
        service = "identity",
        classes = IdentityApplication.class,
        trustsTestIssuer = false,
        properties = {
            "stoa.identity.service-clients.gateway=" + Api.SERVICE_SECRET,
            "stoa.identity.login.max-failures=3",
            "stoa.web.max-body-bytes=65536"
        })
@interface IdentityServiceTest {}
