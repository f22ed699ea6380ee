package dev.stoa.web.idempotency;

import dev.stoa.store.SecretBox;
import dev.stoa.web.StoaWebAutoConfiguration;
import dev.stoa.web.StoaWebProperties;
import dev.stoa.web.error.ProblemWriter;
import java.time.Clock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** {@code Idempotency-Key} support, active in servlet services that have a jOOQ {@link DSLContext}. */
@AutoConfiguration(after = {JooqAutoConfiguration.class, StoaWebAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DSLContext.class)
@ConditionalOnBean(DSLContext.class)
@ConditionalOnBooleanProperty(name = "stoa.web.idempotency.enabled", matchIfMissing = true)
public final class IdempotencyAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyAutoConfiguration.class);

    /** Runs after Spring Security's filter chain, whose authentication scopes the keys. */
    public static final int FILTER_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 50;

    @Bean
    @ConditionalOnMissingBean
    IdempotencyStore idempotencyStore(
            DSLContext dsl,
            StoaWebProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<SecretBox> secretBox) {
        StoaWebProperties.Idempotency config = properties.idempotency();
        SecretBox box = secretBox.getIfAvailable();
        if (box == null || !box.available()) {
            log.warn(
                    "no stoa.secrets key ring: responses to Idempotency-Key requests are not kept (retries run again)");
        }
        return new JooqIdempotencyStore(
                dsl,
                config.ttl(),
                config.inFlightTimeout(),
                clock.getIfAvailable(Clock::systemUTC),
                box != null && box.available() ? box : null);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> stoaIdempotencyFilter(IdempotencyStore store, ProblemWriter writer) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, writer));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    IdempotencyCleanup idempotencyCleanup(IdempotencyStore store, StoaWebProperties properties) {
        return new IdempotencyCleanup(store, properties.idempotency().cleanupInterval());
    }
}
