package dev.stoa.chat;

import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import java.time.Duration;
import java.util.Set;

/** An org of a test and tokens of its members, minted by the test issuer agent-service trusts. */
record Org(String id) {

    /** A fresh org: nothing of another test is visible in it. */
    static Org create() {
        return new Org(Ids.generate("org"));
    }

    String owner() {
        return token(Role.OWNER);
    }

    String admin() {
        return token(Role.ADMIN);
    }

    String member() {
        return token(Role.MEMBER);
    }

    String viewer() {
        return token(Role.VIEWER);
    }

    String token(Role role) {
        return PlatformIssuerExtension.issuer()
                .issue(Principals.user(id, Ids.generate("usr"), role), Duration.ofMinutes(30));
    }

    /** An API key token of an admin, limited to {@code scopes}. */
    String apiKey(String... scopes) {
        return PlatformIssuerExtension.issuer()
                .issue(
                        Principals.apiKey(id, Ids.generate("key"), Ids.generate("usr"), Role.ADMIN, Set.of(scopes)),
                        Duration.ofMinutes(30));
    }
}
