package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.DEAD_LETTERS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.DeadLetter;
import dev.stoa.monitoring.domain.port.DeadLetters;
import dev.stoa.monitoring.store.jooq.tables.records.DeadLettersRecord;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Dead letters in PostgreSQL; headers as a JSON object of base64 values. */
@Component
public final class JooqDeadLetters implements DeadLetters {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final TenantTransactions tx;

    public JooqDeadLetters(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(DeadLetter d) {
        Map<String, String> headers = new TreeMap<>();
        d.headers()
                .forEach((name, value) -> headers.put(name, Base64.getEncoder().encodeToString(value)));
        tx.inOrgRun(d.orgId(), dsl -> dsl.insertInto(DEAD_LETTERS)
                .set(DEAD_LETTERS.ID, d.id())
                .set(DEAD_LETTERS.ORG_ID, d.orgId())
                .set(DEAD_LETTERS.TOPIC, d.topic())
                .set(DEAD_LETTERS.KAFKA_PARTITION, d.partition())
                .set(DEAD_LETTERS.KAFKA_OFFSET, d.offset())
                .set(DEAD_LETTERS.EVENT_ID, d.eventId())
                .set(DEAD_LETTERS.EVENT_TYPE, d.eventType())
                .set(DEAD_LETTERS.ERROR, d.error())
                .set(DEAD_LETTERS.RECORD_VALUE, d.value())
                .set(DEAD_LETTERS.RECORD_HEADERS, JSON.json(MAPPER.writeValueAsString(headers)))
                .set(DEAD_LETTERS.DEAD_LETTERED_AT, d.deadLetteredAt())
                .onConflict(DEAD_LETTERS.TOPIC, DEAD_LETTERS.KAFKA_PARTITION, DEAD_LETTERS.KAFKA_OFFSET)
                .doNothing()
                .execute());
    }

    @Override
    public Page<DeadLetter> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = DSL.trueCondition();
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = DSL.row(DEAD_LETTERS.DEAD_LETTERED_AT, DEAD_LETTERS.ID).lt(after.at(), after.id());
            }
            List<DeadLetter> rows = dsl.selectFrom(DEAD_LETTERS)
                    .where(c)
                    .orderBy(DEAD_LETTERS.DEAD_LETTERED_AT.desc(), DEAD_LETTERS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqDeadLetters::map);
            return Page.fromOverfetch(rows, page.limit(), d -> KeysetCursor.of(d.deadLetteredAt(), d.id()));
        });
    }

    @Override
    public Optional<DeadLetter> find(String orgId, String id) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(DEAD_LETTERS)
                .where(DEAD_LETTERS.ID.eq(id))
                .fetchOptional(JooqDeadLetters::map));
    }

    @Override
    public DeadLetter replayed(String orgId, String id, OffsetDateTime at) {
        return tx.inOrg(orgId, dsl -> dsl.update(DEAD_LETTERS)
                .set(DEAD_LETTERS.REPLAY_COUNT, DEAD_LETTERS.REPLAY_COUNT.plus(1))
                .set(DEAD_LETTERS.LAST_REPLAYED_AT, at)
                .where(DEAD_LETTERS.ID.eq(id))
                .returning()
                .fetchSingle(JooqDeadLetters::map));
    }

    private static DeadLetter map(DeadLettersRecord r) {
        Map<String, byte[]> headers = new TreeMap<>();
        MAPPER.readValue(r.getRecordHeaders().data(), HEADERS)
                .forEach((name, value) -> headers.put(name, Base64.getDecoder().decode(value)));
        return new DeadLetter(
                r.getId(),
                r.getOrgId(),
                r.getTopic(),
                r.getKafkaPartition(),
                r.getKafkaOffset(),
                r.getEventId(),
                r.getEventType(),
                r.getError(),
                r.getRecordValue(),
                headers,
                r.getDeadLetteredAt(),
                r.getReplayCount(),
                r.getLastReplayedAt());
    }
}
