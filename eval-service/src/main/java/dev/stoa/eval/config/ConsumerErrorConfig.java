package dev.stoa.eval.config;

import dev.stoa.eval.events.UnreadableEventException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What eval's listeners do with an event that fails (the database or the judge's model away): retry in place with
 * exponential back-off, then publish it unchanged to {@code <topic>.dlt} and go on; an unreadable event is not retried.
 * As memory-service does.
 */
@Configuration(proxyBeanMethods = false)
public class ConsumerErrorConfig {
    static final String DLT_SUFFIX = ".dlt";

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorConfig.class);

    /** Boot's listener container factory picks this handler up. */
    @Bean
    CommonErrorHandler evalErrorHandler(KafkaTemplate<?, ?> template, EvalProperties properties) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1));
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.consumer().initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.consumer().maxBackoff().toMillis());
        backOff.setMaxElapsedTime(properties.consumer().maxRetryTime().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, e) -> {
                    deadLetters.accept(record, e);
                    // the cause's class only: messages may quote what the event carried (user content)
                    log.warn(
                            "dead-lettered {}-{}@{}: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            root(e).getClass().getSimpleName());
                },
                backOff);
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        return handler;
    }

    private static Throwable root(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause;
    }
}
