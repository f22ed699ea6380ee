package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.AccountToken;
import java.time.OffsetDateTime;
import java.util.Optional;

/** One-time tokens mailed to users (global, like users): stored as SHA-256 hashes. */
public interface AccountTokenRepository {
    void insert(AccountToken token, String tokenHash);

    /** The token a presented hash names, locked until the transaction ends (so it is used once). */
    Optional<AccountToken> lockByHash(String tokenHash);

    /** Marks every unused token of the user for {@code purpose} used (one used, the others die with it). */
    void useAll(String userId, AccountToken.Purpose purpose, OffsetDateTime now);

    /** How many tokens for {@code purpose} the user was sent since {@code since}, the newest first. */
    int countSince(String userId, AccountToken.Purpose purpose, OffsetDateTime since);

    /** When the newest token for {@code purpose} was sent. */
    Optional<OffsetDateTime> lastSent(String userId, AccountToken.Purpose purpose);
}
