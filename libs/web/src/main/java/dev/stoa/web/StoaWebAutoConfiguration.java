package dev.stoa.web;

import dev.stoa.web.error.ProblemAdvice;
import dev.stoa.web.error.ProblemErrorController;
import dev.stoa.web.error.ProblemErrorReportValve;
import dev.stoa.web.error.ProblemWriter;
import dev.stoa.web.input.JsonBodyGuard;
import dev.stoa.web.input.JsonBodyGuardAdvice;
import dev.stoa.web.input.UriInputGuard;
import dev.stoa.web.json.StoaJsonCustomizer;
import dev.stoa.web.request.BodyLimitFilter;
import dev.stoa.web.request.RequestIdFilter;
import dev.stoa.web.security.PrincipalArgumentResolver;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST conventions every Stoa service gets by depending on stoa-web: strict snake_case JSON, problem+json
 * errors (Tomcat's own included), request ids, the body size limit, the input guard and {@code Principal} controller
 * parameters.
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

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new UriInputGuard());
            }
        };
    }

    /** Jackson's read constraints at the input guard's ceilings; ordered after Boot's so properties cannot loosen them. */
    @Bean
    JsonFactoryBuilderCustomizer stoaReadConstraints() {
        return builder -> builder.streamReadConstraints(JsonBodyGuard.CONSTRAINTS);
    }

    @Bean
    JsonBodyGuardAdvice stoaJsonBodyGuard(JsonMapper jsonMapper) {
        return new JsonBodyGuardAdvice(jsonMapper);
    }

    /**
     * Tomcat reports the errors it answers itself (an invalid URI, an unparseable request) as problem+json: our valve
     * replaces its HTML error report, including the one Boot adds. Runs after Boot's customizer.
     */
    @Bean
    @ConditionalOnClass(ConfigurableTomcatWebServerFactory.class)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> stoaTomcatErrorReport(ProblemWriter writer) {
        return new TomcatErrorReport(writer);
    }

    private record TomcatErrorReport(ProblemWriter writer)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve(writer));
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
