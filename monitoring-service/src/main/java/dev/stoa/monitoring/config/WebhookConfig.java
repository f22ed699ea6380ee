package dev.stoa.monitoring.config;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.monitoring.delivery.OkHttpWebhookSender;
import dev.stoa.monitoring.delivery.WebhookDeliveryWorker;
import dev.stoa.monitoring.domain.WebhookDeliveries;
import dev.stoa.monitoring.domain.WebhookSettings;
import dev.stoa.monitoring.domain.port.DeliveryQueue;
import dev.stoa.monitoring.domain.port.WebhookSender;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Webhooks: the URL policy, the vetted sender and the delivery worker. */
@Configuration(proxyBeanMethods = false)
public class WebhookConfig {
    private static final Logger log = LoggerFactory.getLogger(WebhookConfig.class);

    @Bean
    WebhookSettings webhookSettings(MonitoringProperties properties) {
        MonitoringProperties.Webhooks webhooks = properties.webhooks();
        if (webhooks.lease().compareTo(webhooks.timeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("stoa.monitoring.webhooks.lease must be at least twice the timeout");
        }
        OutboundPolicy policy = new OutboundPolicy(webhooks.allowLoopback(), webhooks.allowPrivateNetworks());
        log.info(
                "webhook URLs may reach {}{}",
                policy.describe(),
                webhooks.allowInsecure() ? "; http:// accepted" : "; https only");
        return new WebhookSettings(
                webhooks.allowInsecure(), policy, webhooks.retryDelays(), webhooks.disableAfterFailures());
    }

    @Bean
    WebhookSender webhookSender(WebhookSettings settings, MonitoringProperties properties) {
        return new OkHttpWebhookSender(settings.policy(), properties.webhooks().timeout());
    }

    @Bean
    WebhookDeliveryWorker webhookDeliveryWorker(
            WebhookDeliveries deliveries, DeliveryQueue queue, MeterRegistry meters, MonitoringProperties properties) {
        MonitoringProperties.Webhooks webhooks = properties.webhooks();
        return new WebhookDeliveryWorker(
                deliveries, () -> queue.claim(webhooks.batchSize(), webhooks.lease()), meters, webhooks.pollInterval());
    }
}
