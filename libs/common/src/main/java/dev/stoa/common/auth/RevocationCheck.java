package dev.stoa.common.auth;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Whether the credential behind a valid platform token was revoked (a logged-out session, a revoked API key or SDK
 * connection). The REST resource server and the gRPC token interceptor consult it when a bean of this type exists.
 */
@FunctionalInterface
public interface RevocationCheck {
    boolean isRevoked(Principal principal);

    /**
     * The check {@code lookup} finds when first asked (none: nothing is revoked), then that one for good: the lookup
     * (a bean lookup) ran on every request and cost as much as the rest of the token check.
     */
    static RevocationCheck lookedUpOnce(Supplier<@Nullable RevocationCheck> lookup) {
        return new RevocationCheck() {
            private volatile @Nullable RevocationCheck found;

            @Override
            public boolean isRevoked(Principal principal) {
                RevocationCheck check = found;
                if (check == null) {
                    RevocationCheck looked = lookup.get();
                    check = looked == null ? p -> false : looked;
                    found = check;
                }
                return check.isRevoked(principal);
            }
        };
    }
}
