package dev.stoa.store;

import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** Registers {@link TenantTransactions} (when jOOQ and a transaction manager are set up) and {@link SecretBox}. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"
        })
@EnableConfigurationProperties(SecretsProperties.class)
public class StoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({DSLContext.class, PlatformTransactionManager.class})
    TenantTransactions tenantTransactions(DSLContext dsl, PlatformTransactionManager transactionManager) {
        return new TenantTransactions(dsl, transactionManager);
    }

    @Bean
    @ConditionalOnMissingBean
    SecretBox secretBox(SecretsProperties properties) {
        return new SecretBox(properties);
    }
}
