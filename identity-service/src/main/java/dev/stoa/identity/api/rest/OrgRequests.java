package dev.stoa.identity.api.rest;

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

    /** Change org settings; absent fields stay as they are. */
    public record UpdateOrg(
            @Nullable @Size(min = 1, max = 200) String name,
            @Nullable @Size(min = 2, max = 63) String slug,
            @Nullable JsonNode settings) {}

    /** Invite someone by email. */
    public record Invite(
            @NotBlank @Email @Size(max = 254) String email,

            @NotNull @Pattern(regexp = ROLES, message = "must be one of owner, admin, member, viewer")
            String role) {}

    /** Change a member's role. */
    public record ChangeRole(
            @NotNull @Pattern(regexp = ROLES, message = "must be one of owner, admin, member, viewer")
            String role) {}
}
