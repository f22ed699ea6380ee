package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.TokenType;
import dev.stoa.identity.api.rest.AuthViews.MeView;
import dev.stoa.identity.api.rest.AuthViews.SessionView;
import dev.stoa.identity.api.rest.AuthViews.TokenResponse;
import dev.stoa.identity.api.rest.AuthViews.UserView;
import dev.stoa.identity.api.rest.OrgViews.OrgView;
import dev.stoa.identity.domain.AuthService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Auth group: register, login, logout, me, refresh (and accepting an invitation). */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth")
public class AuthController {
    private final AuthService auth;

    public AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a new user and org; the user becomes its owner and is logged in.")
    public TokenResponse register(@Valid @RequestBody AuthRequests.Register body) {
        return TokenResponse.of(auth.register(body.email(), body.password(), body.name(), body.orgName()));
    }

    @PostMapping("/login")
    @Operation(summary = "Authenticate and receive access + refresh tokens.")
    public TokenResponse login(@Valid @RequestBody AuthRequests.Login body) {
        return TokenResponse.of(auth.login(body.email(), body.password(), body.orgId()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the current session.")
    public void logout(Principal principal) {
        auth.logout(principal);
    }

    @GetMapping("/me")
    @Operation(summary = "Return the current user's session status.")
    public MeView me(Principal principal) {
        AuthService.MeView me = auth.me(principal);
        return new MeView(
                UserView.of(me.user()),
                OrgView.of(me.org()),
                principal.role() == null ? null : principal.role().wire(),
                principal.tokenType().wire(),
                List.copyOf(principal.scopes()),
                me.session() == null
                        ? null
                        : new SessionView(
                                me.session().id(),
                                me.session().createdAt(),
                                me.session().expiresAt()),
                principal.tokenType() == TokenType.API_KEY ? principal.subject() : null);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new access + refresh tokens (rotating).")
    public TokenResponse refresh(@Valid @RequestBody AuthRequests.Refresh body) {
        return TokenResponse.of(auth.refresh(body.refreshToken()));
    }

    @PostMapping("/accept-invite")
    @Operation(summary = "Set a password for an invited account and log in.")
    public TokenResponse acceptInvite(@Valid @RequestBody AuthRequests.AcceptInvite body) {
        return TokenResponse.of(auth.acceptInvite(body.inviteToken(), body.password(), body.name()));
    }
}
