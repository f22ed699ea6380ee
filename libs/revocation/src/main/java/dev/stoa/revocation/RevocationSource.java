package dev.stoa.revocation;

import dev.stoa.proto.events.v1.CredentialRevoked;
import java.util.function.Consumer;

/** The authoritative list of revocations still within a token's life (identity's records), read in full. */
@FunctionalInterface
public interface RevocationSource {
    /** Hands every revocation to {@code sink} and returns how many; throws when the list cannot be read now. */
    int readAll(Consumer<CredentialRevoked> sink);
}
