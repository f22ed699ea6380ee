package dev.stoa.monitoring.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.DeadLetter;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Dead letters of every org. */
public interface DeadLetters {
    /** Keeps the dead letter unless its record (topic, partition, offset) was kept before. */
    void record(DeadLetter letter);

    /** Newest first. */
    Page<DeadLetter> list(String orgId, PageRequest page);

    Optional<DeadLetter> find(String orgId, String id);

    /** Counts a replay made at {@code at}; returns the updated dead letter. */
    DeadLetter replayed(String orgId, String id, OffsetDateTime at);
}
