package dev.stoa.web.testapp;

import dev.stoa.web.security.TokenRevocationCheck;
import jakarta.servlet.Filter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** A minimal service using stoa-web, for the library's tests. */
@SpringBootApplication
public class WebTestApplication {
    public static final String REVOKED_SESSION = "ses_revoked";

    public static void main(String[] args) {
        SpringApplication.run(WebTestApplication.class, args);
    }

    @Bean
    TokenRevocationCheck revokedSessions() {
        return principal -> REVOKED_SESSION.equals(principal.sessionId());
    }

    /** Fails outside any controller, so the error reaches the container and the error controller. */
    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            throw new IllegalStateException("filter failed: password=hunter2");
        });
        registration.addUrlPatterns("/filter-failure");
        return registration;
    }
}
