package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Scope;
import dev.stoa.identity.domain.ApiKeyService;
import dev.stoa.web.validation.OneOf;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Request bodies of the API key and SDK connection endpoints; unknown fields are refused. */
public final class CredentialRequests {
    private CredentialRequests() {}

    /** Create an API key; {@code expires_in_days} is one of {@link ApiKeyService#EXPIRY_DAYS} or null (never). */
    public record CreateApiKey(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(min = 1, max = 32) List<@NotBlank @Size(max = 64) @OneOf(of = Scope.class) String> scopes,
            @Nullable @OneOf(ints = {30, 60, 90, 365}) Integer expiresInDays) {}

    /** Create an SDK connection. */
    public record CreateSdkConnection(
            @NotBlank @Size(max = 200) String name) {}
}
