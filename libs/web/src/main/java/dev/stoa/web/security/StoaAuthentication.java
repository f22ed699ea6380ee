package dev.stoa.web.security;

import dev.stoa.common.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The authentication of a request bearing a valid platform token: the Stoa {@link Principal} plus the raw token
 * (kept so outgoing gRPC calls can propagate it). Authorities: {@code ROLE_<role>} and {@code SCOPE_<scope>}.
 */
public final class StoaAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {
    private final Principal principal;

    public StoaAuthentication(Jwt jwt, Principal principal) {
        super(jwt, principal, jwt, authorities(principal));
        this.principal = principal;
        setAuthenticated(true);
    }

    public Principal principal() {
        return principal;
    }

    /** The compact JWT, for propagation to downstream services. Never log it. */
    public String tokenValue() {
        return getToken().getTokenValue();
    }

    @Override
    public Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return principal.subject();
    }

    private static List<GrantedAuthority> authorities(Principal principal) {
        List<GrantedAuthority> out = new ArrayList<>();
        if (principal.role() != null) {
            out.add(new SimpleGrantedAuthority("ROLE_" + principal.role().name()));
        }
        principal.scopes().forEach(scope -> out.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        out.add(new SimpleGrantedAuthority(
                "TOKEN_" + principal.tokenType().name().toLowerCase(Locale.ROOT)));
        return out;
    }
}
