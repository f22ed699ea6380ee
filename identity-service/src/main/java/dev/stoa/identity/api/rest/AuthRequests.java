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
            @Nullable @Size(max = 200) String orgName) {}

    /** Log in; {@code org_id} picks one of several orgs (default: the oldest membership). */
    public record Login(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 1, max = 128) String password,
            @Nullable @Size(max = 40) String orgId) {}

    /** Rotate a refresh token. */
    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {}

    /** Set a password for an invited account. */
    public record AcceptInvite(
            @NotBlank @Size(max = 200) String inviteToken,

            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH)
            String password,

            @Nullable @Size(min = 1, max = 200) String name) {}
}
