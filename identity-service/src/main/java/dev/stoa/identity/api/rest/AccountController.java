package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.identity.api.rest.AuthViews.UserView;
import dev.stoa.identity.domain.AccountService;
import dev.stoa.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The account's email ownership and password lifecycle (part of the Auth group). */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth")
public class AccountController {
    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/verify-email")
    @Operation(
            operationId = "verifyEmail",
            summary = "Verify the account's email with the token from the verification mail (works once).")
    @ProblemResponse(status = 400, description = "verification_token_invalid: unknown, foreign or malformed token.")
    @ProblemResponse(
            status = 422,
            description = "verification_token_used / verification_token_expired: ask for a new mail.")
    public UserView verifyEmail(@Valid @RequestBody AuthRequests.VerifyEmail body) {
        return UserView.of(accounts.verifyEmail(body.token()));
    }

    @PostMapping("/resend-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "resendVerification",
            summary = "Mail the caller a new verification link (a user session; at most one a minute, five a day).")
    @ProblemResponse(status = 422, description = "email_already_verified: nothing to verify.")
    @ProblemResponse(status = 429, description = "verification_recently_sent: a mail went out recently.")
    public void resendVerification(Principal principal) {
        accounts.resendVerification(principal);
    }

    @PostMapping("/forgot-password")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "forgotPassword",
            summary = "Mail a password-reset link to the address if it has an account. Always 202: the answer says"
                    + " nothing about which addresses have accounts.")
    public void forgotPassword(@Valid @RequestBody AuthRequests.ForgotPassword body) {
        accounts.forgotPassword(body.email());
    }

    @PostMapping("/reset-password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "resetPassword",
            summary = "Set a new password with the token from the reset mail (single use, 30 minutes); ends every"
                    + " session. An unverified account is reclaimed: it becomes verified and every API key and SDK"
                    + " connection it made is revoked.")
    @ProblemResponse(status = 400, description = "reset_token_invalid: unknown, foreign or malformed token.")
    @ProblemResponse(status = 422, description = "reset_token_used / reset_token_expired: ask for a new mail.")
    public void resetPassword(@Valid @RequestBody AuthRequests.ResetPassword body) {
        accounts.resetPassword(body.token(), body.password());
    }

    @PostMapping("/change-password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "changePassword",
            summary = "Change the caller's password (a user session; needs the current one); ends the other sessions.")
    @ProblemResponse(status = 401, description = "invalid_credentials: the current password is wrong.")
    @ProblemResponse(status = 429, description = "too_many_login_attempts: too many wrong current passwords.")
    public void changePassword(
            Principal principal, @Valid @RequestBody AuthRequests.ChangePassword body, HttpServletRequest request) {
        accounts.changePassword(principal, body.currentPassword(), body.newPassword(), request.getRemoteAddr());
    }
}
