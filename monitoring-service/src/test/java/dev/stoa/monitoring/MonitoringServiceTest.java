package dev.stoa.monitoring;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** monitoring-service on the Stoa service test kit, one instance for every IT in the JVM. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@StoaServiceTest(
        service = "monitoring",
        classes = MonitoringApplication.class,
        // Retries of a failing event stay short in tests; production waits longer before dead-lettering.
        properties = {
            "stoa.monitoring.consumer.max-retry-time=2s",
            "stoa.monitoring.consumer.max-backoff=500ms",
            // WebhooksIT's receiver listens on http://127.0.0.1; retries and disabling come quickly
            "stoa.monitoring.webhooks.allow-insecure=true",
            "stoa.monitoring.webhooks.allow-private-networks=true",
            "stoa.monitoring.webhooks.timeout=2s",
            "stoa.monitoring.webhooks.lease=10s",
            "stoa.monitoring.webhooks.poll-interval=50ms",
            "stoa.monitoring.webhooks.retry-delays=100ms,100ms,100ms,100ms,100ms",
            "stoa.monitoring.webhooks.disable-after-failures=4"
        })
@interface MonitoringServiceTest {}
