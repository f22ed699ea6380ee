package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scope;
import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.model.SdkConnection;
import dev.stoa.web.validation.OneOf;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the API key and SDK connection endpoints; a secret only when created. */
public final class CredentialViews {
    private CredentialViews() {}

    /** An API key; {@code key} carries the secret only in the response that created it. */
    public record ApiKeyView(
            String id,
            String name,
            String preview,
            List<@OneOf(of = Scope.class) String> scopes,
            @OneOf(of = Role.class) String role,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime expiresAt,
            @Nullable OffsetDateTime lastUsedAt,
            @Nullable String key) {
        @Override
        public String toString() { // the key is shown once, in the response, never in a log
            return "ApiKeyView[id=" + id + ", name=" + name + "]";
        }

        static ApiKeyView of(ApiKey k, @Nullable String secret) {
            return new ApiKeyView(
                    k.id(),
                    k.name(),
                    "stoa_sk_…" + k.last4(),
                    k.scopes(),
                    k.role().wire(),
                    k.createdBy(),
                    k.createdAt(),
                    k.expiresAt(),
                    k.lastUsedAt(),
                    secret);
        }
    }

    /** An SDK connection; {@code secret} appears only in the response that created it. */
    public record SdkConnectionView(
            String id,
            String name,
            String preview,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime lastUsedAt,
            @Nullable String secret) {
        @Override
        public String toString() {
            return "SdkConnectionView[id=" + id + ", name=" + name + "]";
        }

        static SdkConnectionView of(SdkConnection c, @Nullable String secret) {
            return new SdkConnectionView(
                    c.id(), c.name(), "stoa_sdk_…" + c.last4(), c.createdBy(), c.createdAt(), c.lastUsedAt(), secret);
        }
    }
}
