package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Role;
import dev.stoa.identity.domain.Slugs;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Request bodies of the Organization endpoints; unknown fields are refused. */
public final class OrgRequests {
    private OrgRequests() {}

    static final String ROLES = "owner|admin|member|viewer";

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
}
