package dev.stoa.monitoring.events;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.id.Ids;
import dev.stoa.monitoring.domain.DeadLetterService;
import dev.stoa.monitoring.domain.model.DeadLetter;
import dev.stoa.monitoring.domain.port.DeadLetters;
import dev.stoa.monitoring.domain.port.Republisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the records the consumers give up on for their org's admins (when the record's key names an org; others only
 * reach {@code <topic>.dlt}), and publishes a kept one back to its topic on replay.
 */
@Component
public final class DeadLetterKeeper implements Republisher {
    static final int ERROR_MAX = 1000;
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final DeadLetters letters;
    private final KafkaTemplate<String, byte[]> template;
    private final Clock clock;

    @SuppressWarnings("unchecked")
    public DeadLetterKeeper(DeadLetters letters, KafkaTemplate<?, ?> template, Clock clock) {
        this.letters = letters;
        // Boot's template: String keys, byte[] values (monitoring.yml), as the platform's topics carry
        this.template = (KafkaTemplate<String, byte[]>) template;
        this.clock = clock;
    }

    /** Keeps {@code record} when its key names an org; {@code error} names the event and the problem, not content. */
    public void keep(ConsumerRecord<?, ?> record, String error) {
        if (!(record.key() instanceof String org) || !Ids.isValid("org", org)) {
            return;
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), header.value());
            }
        }
        letters.record(new DeadLetter(
                Ids.generate(DeadLetterService.ID_PREFIX),
                org,
                record.topic(),
                record.partition(),
                record.offset(),
                text(headers.get("ce_id")),
                text(headers.get("ce_type")),
                error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error,
                record.value() instanceof byte[] bytes ? bytes : null,
                headers,
                OffsetDateTime.now(clock),
                0,
                null));
    }

    @Override
    public void republish(DeadLetter letter) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(letter.topic(), null, letter.orgId(), letter.value());
        letter.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name, value)));
        try {
            template.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while republishing " + letter.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoaException(
                    ErrorKind.UNAVAILABLE,
                    "kafka_unavailable",
                    "the event could not be published again; try later",
                    true,
                    List.of(),
                    null);
        }
    }

    private static @Nullable String text(byte @Nullable [] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
