package dev.stoa.memory.config;

import dev.stoa.memory.events.UnreadableEventException;
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
 * What the listener containers do with an event that fails (the database, agent-service or every model of the chain
 * away): retry in place with exponential back-off (the partition waits, so order is kept), then publish it unchanged,
 * with the failure in its headers, to {@code <topic>.dlt} and go on. An unreadable event is not retried. (A model
 * answer that is not the JSON asked for is not a failure of the event: extraction records it in processed_turns.)
 */
@Configuration(proxyBeanMethods = false)
public class ConsumerErrorConfig {
    static final String DLT_SUFFIX = ".dlt";

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorConfig.class);

    /** Boot's listener container factory picks this handler up. */
    @Bean
    CommonErrorHandler memoryErrorHandler(KafkaTemplate<?, ?> template, MemoryProperties properties) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1));
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.consumer().initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.consumer().maxBackoff().toMillis());
        backOff.setMaxElapsedTime(properties.consumer().maxRetryTime().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, e) -> {
                    deadLetters.accept(record, e);
                    // the cause's class only: messages may quote what the event carried
                    log.warn(
                            "dead-lettered {}-{}@{} to {}{}: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.topic(),
                            DLT_SUFFIX,
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
