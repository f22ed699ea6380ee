package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.id.Ids;
import dev.stoa.identity.domain.model.IssuedToken;
import dev.stoa.identity.domain.model.Org;
import dev.stoa.identity.domain.model.Session;
import dev.stoa.identity.domain.model.TokenPair;
import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.SessionRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Opens login sessions and mints their access and refresh tokens. */
@Component
public final class SessionIssuer {
    private final SessionRepository sessions;
    private final TokenIssuer tokens;
    private final IdentitySettings properties;
    private final Clock clock;

    public SessionIssuer(SessionRepository sessions, TokenIssuer tokens, IdentitySettings properties, Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new session for {@code user} in {@code org}; call inside the transaction that authenticated the user. */
    public TokenPair open(User user, Org org, Role role) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Session session = new Session(
                Ids.generate("ses"), org.id(), user.id(), now, now.plus(properties.refreshTokenTtl()), null);
        sessions.insert(session);
        return tokensFor(session, user, org, role);
    }

    /** Fresh tokens for a live session (login, register, refresh). */
    public TokenPair tokensFor(Session session, User user, Org org, Role role) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String refresh = Secrets.generate(Secrets.REFRESH_TOKEN_PREFIX);
        sessions.insertRefreshToken(
                Ids.generate("rt"), org.id(), session.id(), Secrets.sha256Hex(refresh), now, session.expiresAt());
        Principal principal =
                new Principal(org.id(), user.id(), user.id(), role, Set.of(), TokenType.USER, session.id());
        IssuedToken access = tokens.issue(principal, properties.accessTokenTtl(), session.expiresAt());
        return new TokenPair(access, refresh, user, org, role, session.id());
    }
}
