package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.identity.domain.model.Exchanged;
import dev.stoa.identity.domain.model.IssuedToken;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.ExternalTokenVerifier;
import dev.stoa.identity.domain.port.ExternalTokenVerifier.VerifiedToken;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.MembershipRepository;
import dev.stoa.identity.domain.port.UserRepository;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Exchanges a Keycloak-issued access token for a platform user token: the token's {@code sub} names the platform
 * user, its {@code org_id} claim (or else the user's oldest membership) the org, and the member's role is the
 * token's role. The platform token never outlives the external one.
 */
@Service
public final class ExternalTokenExchange {
    private final ExternalTokenVerifier verifier;
    private final UserRepository users;
    private final MembershipRepository members;
    private final TokenIssuer tokens;
    private final IdentitySettings properties;

    public ExternalTokenExchange(
            ExternalTokenVerifier verifier,
            UserRepository users,
            MembershipRepository members,
            TokenIssuer tokens,
            IdentitySettings properties) {
        this.verifier = verifier;
        this.users = users;
        this.members = members;
        this.tokens = tokens;
        this.properties = properties;
    }

    public Exchanged exchange(String externalToken) {
        VerifiedToken verified = verifier.verify(externalToken);
        User user = users.findByExternalId(verified.subject()).orElseThrow(ExternalTokenExchange::unknownUser);
        List<String> userOrgs = members.orgsOfUser(user.id());
        String orgId = verified.orgId() != null && userOrgs.contains(verified.orgId())
                ? verified.orgId()
                : userOrgs.stream().findFirst().orElseThrow(ExternalTokenExchange::unknownUser);
        Member member = members.findByUser(orgId, user.id())
                .filter(m -> m.status().equals("active"))
                .orElseThrow(ExternalTokenExchange::unknownUser);
        Principal principal = new Principal(
                orgId, user.id(), user.id(), member.role(), Set.of(), TokenType.USER, verified.sessionId());
        IssuedToken token = tokens.issue(
                principal, properties.exchangedTokenTtl(), verified.expiresAt().atOffset(ZoneOffset.UTC));
        return new Exchanged(token, principal);
    }

    private static UnauthenticatedException unknownUser() {
        return new UnauthenticatedException("unknown_user", "the token's user is not a member of any Stoa org");
    }
}
