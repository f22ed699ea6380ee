package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.TokenType;
import dev.stoa.identity.api.rest.AuthViews.MeView;
import dev.stoa.identity.api.rest.AuthViews.SessionView;
import dev.stoa.identity.api.rest.AuthViews.TokenResponse;
import dev.stoa.identity.api.rest.AuthViews.UserView;
import dev.stoa.identity.api.rest.OrgViews.OrgView;
import dev.stoa.identity.domain.AuthService;
import dev.stoa.identity.domain.InviteService;
import dev.stoa.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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
    private final InviteService invites;

    public AuthController(AuthService auth, InviteService invites) {
        this.auth = auth;
        this.invites = invites;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "register",
            summary = "Create a new user and org; the user becomes its owner and is logged in. The account stays"
                    + " unverified until the link mailed to the address is used (verify-email).")
    @ProblemResponse(status = 409, description = "email_taken: an account with this email already exists.")
    public TokenResponse register(@Valid @RequestBody AuthRequests.Register body) {
        return TokenResponse.of(auth.register(body.email(), body.password(), body.name(), body.orgName()));
    }

    @PostMapping("/login")
    @Operation(operationId = "login", summary = "Authenticate and receive access + refresh tokens.")
    @ProblemResponse(status = 401, description = "invalid_credentials: the email or the password is wrong.")
    @ProblemResponse(
            status = 429,
            description = "too_many_login_attempts: too many failed logins for this email from this address; wait.")
    public TokenResponse login(@Valid @RequestBody AuthRequests.Login body, HttpServletRequest request) {
        // the client's address, as the gateway resolved it (see server.tomcat.remoteip in identity.yml)
        return TokenResponse.of(auth.login(body.email(), body.password(), body.orgId(), request.getRemoteAddr()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "logout", summary = "Revoke the current session.")
    public void logout(Principal principal) {
        auth.logout(principal);
    }

    @GetMapping("/me")
    @Operation(operationId = "getMe", summary = "Return the current user's session status.")
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
    @Operation(
            operationId = "refresh",
            summary = "Exchange a refresh token for new access + refresh tokens (rotating).")
    @ProblemResponse(
            status = 401,
            description = "invalid_refresh_token: unknown, expired or already used (reuse revokes the session).")
    public TokenResponse refresh(@Valid @RequestBody AuthRequests.Refresh body) {
        return TokenResponse.of(auth.refresh(body.refreshToken()));
    }

    @PostMapping("/accept-invite")
    @Operation(
            operationId = "acceptInvite",
            summary = "Set the first password of an invited new account with the token from the invite mail, join the"
                    + " org and log in.")
    @ProblemResponse(status = 400, description = "invite_token_invalid: unknown, revoked or already used token.")
    @ProblemResponse(
            status = 422,
            description = "invite_token_expired: the invite expired; invite_requires_login: the account already has"
                    + " a password (log in and accept from your session).")
    public TokenResponse acceptInvite(@Valid @RequestBody AuthRequests.AcceptInvite body) {
        return TokenResponse.of(invites.acceptWithToken(body.inviteToken(), body.password(), body.name()));
    }
}
