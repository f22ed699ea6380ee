package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.DeadLetter;
import dev.stoa.monitoring.domain.port.DeadLetters;
import dev.stoa.monitoring.domain.port.Republisher;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/**
 * The org's dead letters: events of the org that a consumer could not process after its retries. Admins list them and
 * replay one, which publishes it unchanged to its topic again; processing is idempotent by event id, so replaying an
 * event that did get through in the end changes nothing.
 */
@Service
public final class DeadLetterService {
    public static final String ID_PREFIX = "dlq";

    private final DeadLetters letters;
    private final Republisher republisher;
    private final Clock clock;

    public DeadLetterService(DeadLetters letters, Republisher republisher, Clock clock) {
        this.letters = letters;
        this.republisher = republisher;
        this.clock = clock;
    }

    public Page<DeadLetter> list(Principal principal, PageRequest page) {
        return letters.list(Access.deadLetters(principal), page);
    }

    public DeadLetter replay(Principal principal, String id) {
        String orgId = Access.deadLetters(principal);
        if (!Ids.isValid(ID_PREFIX, id)) {
            throw new NotFoundException("dead_letter", id);
        }
        DeadLetter letter = letters.find(orgId, id).orElseThrow(() -> new NotFoundException("dead_letter", id));
        republisher.republish(letter);
        return letters.replayed(orgId, id, OffsetDateTime.now(clock));
    }
}
