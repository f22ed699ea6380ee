package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scope;
import dev.stoa.identity.domain.ApiKeyService;
import dev.stoa.identity.domain.PasswordPolicy;
import dev.stoa.identity.domain.Slugs;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Request bodies of the Auth and Organization endpoints; unknown fields are refused. */
public final class Requests {
    private Requests() {}

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

    /** Change org settings; absent (or null) fields stay as they are. */
    public record UpdateOrg(
            @Nullable @Size(min = 1, max = 200) String name,

            @Nullable @Pattern(regexp = Slugs.FORMAT, message = "must be 2-63 lower-case letters, digits or dashes")
            String slug,

            @Nullable @JsonObject JsonNode settings) {}

    /** Invite someone by email. */
    public record Invite(
            @NotBlank @Email @Size(max = 254) String email,

            @NotNull @OneOf(of = Role.class) String role) {}

    /** Change a member's role. */
    public record ChangeRole(
            @NotNull @OneOf(of = Role.class) String role) {}

    /** Create an API key; {@code expires_in_days} is one of {@link ApiKeyService#EXPIRY_DAYS} or null (never). */
    public record CreateApiKey(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(min = 1, max = 32) List<@NotBlank @Size(max = 64) @OneOf(of = Scope.class) String> scopes,
            @Nullable @OneOf(ints = {30, 60, 90, 365}) Integer expiresInDays) {}

    /** Create an SDK connection. */
    public record CreateSdkConnection(
            @NotBlank @Size(max = 200) String name) {}
}
