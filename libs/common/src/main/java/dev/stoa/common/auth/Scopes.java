package dev.stoa.common.auth;

import java.util.Arrays;
import java.util.List;

/**
 * API-key scopes (spec 002's list adapted to Stoa's resources). A scope is {@code <resource>:<read|write>};
 * write implies nothing about read. Credential management (keys, SDK connections, members) is never open
 * to a key whose scopes lack it, and a key can never grant more than its creator's role allows.
 */
public final class Scopes {
    /** Every scope's wire name, in {@link Scope}'s order. */
    public static final List<String> ALL =
            Arrays.stream(Scope.values()).map(Scope::wire).toList();

    private Scopes() {}

    public static boolean isKnown(String scope) {
        return ALL.contains(scope);
    }
}
