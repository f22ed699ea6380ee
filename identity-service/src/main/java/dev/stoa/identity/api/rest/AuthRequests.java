package dev.stoa.identity.api.rest;

import dev.stoa.identity.domain.PasswordPolicy;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the Auth endpoints; unknown fields are refused. */
public final class AuthRequests {
    private AuthRequests() {}

    /** Sign up: a user and their org. */
    public record Register(
            @NotBlank @Email @Size(max = 254) String email,

            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH)
            String password,

            @NotBlank @Size(max = 200) String name,
            @Nullable @Size(max = 200) String orgName) {
        @Override
        public String toString() { // never print the password
            return "Register[email=" + email + "]";
        }
    }

    /** Log in; {@code org_id} picks one of several orgs (default: the oldest membership). */
    public record Login(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 1, max = 128) String password,
            @Nullable @Size(max = 40) String orgId) {
        @Override
        public String toString() {
            return "Login[email=" + email + ", orgId=" + orgId + "]";
        }
    }

    /** Rotate a refresh token. */
    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[<redacted>]";
        }
    }

    /** Set the first password of an invited new account with the token from the invite mail. */
    public record AcceptInvite(
            @NotBlank @Size(max = 200) String inviteToken,

            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH)
            String password,

            @Nullable @Size(min = 1, max = 200) String name) {
        @Override
        public String toString() {
            return "AcceptInvite[<redacted>]";
        }
    }

    /** Verify an email address with the token from the verification mail. */
    public record VerifyEmail(@NotBlank @Size(max = 200) String token) {
        @Override
        public String toString() {
            return "VerifyEmail[<redacted>]";
        }
    }

    /** Ask for a password-reset mail. */
    public record ForgotPassword(
            @NotBlank @Email @Size(max = 254) String email) {}

    /** Set a new password with the token from the reset mail. */
    public record ResetPassword(
            @NotBlank @Size(max = 200) String token,

            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH)
            String password) {
        @Override
        public String toString() {
            return "ResetPassword[<redacted>]";
        }
    }

    /** Change the caller's password. */
    public record ChangePassword(
            @NotNull @Size(min = 1, max = 128) String currentPassword,

            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH)
            String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[<redacted>]";
        }
    }
}
