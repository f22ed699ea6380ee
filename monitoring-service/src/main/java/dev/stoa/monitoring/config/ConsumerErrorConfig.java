package dev.stoa.monitoring.config;

import dev.stoa.monitoring.domain.UnprocessableEventException;
import dev.stoa.monitoring.events.DeadLetterKeeper;
import dev.stoa.monitoring.events.PipelineMetrics;
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
 * What the listener containers do with an event that fails: retry in place with exponential back-off (the partition
 * waits, so order is kept), then keep it for its org's admins (the dead-letter API), publish it unchanged, with the
 * failure in its headers, to {@code <topic>.dlt} and go on. An event that cannot be read or lacks what it must carry
 * is not retried.
 */
@Configuration(proxyBeanMethods = false)
public class ConsumerErrorConfig {
    /** Dead-letter topics are the source topic's name with this suffix, e.g. {@code stoa.toolcalls.v1.dlt}. */
    public static final String DLT_SUFFIX = ".dlt";

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorConfig.class);

    /** Boot's listener container factory picks this handler up. */
    @Bean
    CommonErrorHandler monitoringErrorHandler(
            KafkaTemplate<?, ?> template,
            PipelineMetrics metrics,
            DeadLetterKeeper keeper,
            MonitoringProperties properties) {
        // A negative partition lets the producer choose: the dead-letter topic need not have as many partitions.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1));
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.consumer().initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.consumer().maxBackoff().toMillis());
        backOff.setMaxElapsedTime(properties.consumer().maxRetryTime().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, e) -> {
                    // kept for the org's admins first: should that fail (the database away), recovery is retried
                    // and the record is not on the dead-letter topic twice
                    keeper.keep(record, rootMessage(e));
                    deadLetters.accept(record, e);
                    metrics.deadLettered(record.topic());
                    // The cause's message names the event and what was wrong with it, never its content.
                    log.warn(
                            "dead-lettered {}-{}@{} to {}{}: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.topic(),
                            DLT_SUFFIX,
                            rootMessage(e));
                },
                backOff);
        handler.addNotRetryableExceptions(UnprocessableEventException.class);
        return handler;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
            if (cause instanceof UnprocessableEventException) {
                return String.valueOf(cause.getMessage());
            }
        }
        return cause.getClass().getSimpleName();
    }
}
