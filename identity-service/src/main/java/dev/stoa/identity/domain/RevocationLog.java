package dev.stoa.identity.domain;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.page.Cursors;
import dev.stoa.common.page.Page;
import dev.stoa.identity.domain.model.Revocation;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.RevocationRecords;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The revoked credentials whose tokens may still be alive, paged oldest first: how a gateway or service that starts,
 * or whose broker lost data, rebuilds its revocation list from identity's records instead of Kafka's retention.
 */
@Service
public final class RevocationLog {
    static final int DEFAULT_PAGE_SIZE = 500;
    static final int MAX_PAGE_SIZE = 1000;

    private final RevocationRecords records;
    private final IdentitySettings settings;

    public RevocationLog(RevocationRecords records, IdentitySettings settings) {
        this.records = records;
        this.settings = settings;
    }

    /** One page; {@code pageSize} 0 means the default, {@code pageToken} empty the first page. */
    public Page<Revocation> page(int pageSize, String pageToken) {
        int limit = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        OffsetDateTime afterAt = null;
        String afterId = null;
        if (!pageToken.isEmpty()) {
            String key = Cursors.decode(pageToken);
            int space = key.indexOf(' ');
            try {
                afterAt = Instant.parse(key.substring(0, Math.max(space, 0))).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("page_token", "is not a token this API returned");
            }
            afterId = key.substring(space + 1);
        }
        // The longest a token carrying the sid can live: an access token for sessions, an exchanged one otherwise.
        List<Revocation> rows =
                records.alive(settings.accessTokenTtl(), settings.exchangedTokenTtl(), afterAt, afterId, limit + 1);
        return Page.fromOverfetch(rows, limit, r -> r.revokedAt().toInstant() + " " + r.credentialId());
    }
}
