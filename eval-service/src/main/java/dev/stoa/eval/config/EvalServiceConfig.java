package dev.stoa.eval.config;

import dev.stoa.embeddings.SentenceEmbeddings;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of eval-service: the clock every timestamp comes from and the in-process embedding model. */
@Configuration(proxyBeanMethods = false)
public class EvalServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /** Loaded on first use: only semantic-similarity scorers pay for the model. */
    @Bean
    SentenceEmbeddings sentenceEmbeddings() {
        return new SentenceEmbeddings();
    }
}
