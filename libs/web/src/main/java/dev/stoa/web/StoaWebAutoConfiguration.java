package dev.stoa.web;

import dev.stoa.web.error.ProblemAdvice;
import dev.stoa.web.error.ProblemErrorController;
import dev.stoa.web.error.ProblemWriter;
import dev.stoa.web.json.StoaJsonCustomizer;
import dev.stoa.web.request.BodyLimitFilter;
import dev.stoa.web.request.RequestIdFilter;
import dev.stoa.web.security.PrincipalArgumentResolver;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST conventions every Stoa service gets by depending on stoa-web: strict snake_case JSON, problem+json
 * errors, request ids, the body size limit and {@code Principal} controller parameters.
 */
@AutoConfiguration(before = {JacksonAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(StoaWebProperties.class)
public final class StoaWebAutoConfiguration {
    /** Filter orders: the request id first (every later log line has it), then the body limit. */
    public static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE;

    public static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    StoaJsonCustomizer stoaJsonCustomizer() {
        return new StoaJsonCustomizer();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAdvice problemAdvice(ProblemWriter writer) {
        return new ProblemAdvice(writer);
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ProblemWriter writer) {
        return new ProblemErrorController(writer);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> stoaRequestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> stoaBodyLimitFilter(StoaWebProperties properties, ProblemWriter writer) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodyBytes(), writer));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    @Bean
    WebMvcConfigurer stoaPrincipalArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PrincipalArgumentResolver());
            }
        };
    }
}
