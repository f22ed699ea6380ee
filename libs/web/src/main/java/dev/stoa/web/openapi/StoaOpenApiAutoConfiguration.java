package dev.stoa.web.openapi;

import dev.stoa.common.auth.Principal;
import dev.stoa.web.idempotency.IdempotencyStore;
import dev.stoa.web.security.StoaSecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The service's OpenAPI 3.1 document ({@code /v3/api-docs}), true to the wire: titled after the application, secured
 * by bearer JWT except on public paths, schemas named and constrained as the JSON mapper and Bean Validation really
 * treat them ({@link WireModelResolver}), errors as the shared problem schema ({@link ContractCustomizer}), and
 * stable operation ids ({@link OperationContract}). Every service gets it by depending on stoa-web.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
public final class StoaOpenApiAutoConfiguration {
    /** Name of the security scheme every operation requires unless it documents otherwise. */
    public static final String BEARER_SCHEME = "bearer-jwt";

    static {
        // The caller's identity comes from the token, never from a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Principal.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI stoaOpenApi(Environment environment) {
        String title = environment.getProperty("spring.application.name", "stoa-service");
        return new OpenAPI()
                .info(new Info().title(title).version(environment.getProperty("stoa.api.version", "v1")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    @Bean
    WireModelResolver stoaWireModelResolver() {
        return new WireModelResolver();
    }

    @Bean
    ContractCustomizer stoaContractCustomizer(
            ObjectProvider<StoaSecurityProperties> security, ObjectProvider<IdempotencyStore> idempotency) {
        return new ContractCustomizer(security, idempotency);
    }

    @Bean
    OperationContract stoaOperationContract() {
        return new OperationContract();
    }
}
