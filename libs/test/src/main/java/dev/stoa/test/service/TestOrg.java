package dev.stoa.test.service;

import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.test.Principals;
import java.time.Duration;
import java.util.Set;

/** An org of a service test and tokens of its members, minted by the test issuer the service trusts. */
public record TestOrg(String id) {

    /** A fresh org: nothing of another test is visible in it. */
    public static TestOrg create() {
        return new TestOrg(Ids.generate("org"));
    }

    public String owner() {
        return token(Role.OWNER);
    }

    public String admin() {
        return token(Role.ADMIN);
    }

    public String member() {
        return token(Role.MEMBER);
    }

    public String viewer() {
        return token(Role.VIEWER);
    }

    /** A user token of a new user with {@code role} in this org. */
    public String token(Role role) {
        return token(Ids.generate("usr"), role);
    }

    /** A user token of the user {@code userId} with {@code role} in this org. */
    public String token(String userId, Role role) {
        return PlatformIssuerExtension.issuer().issue(Principals.user(id, userId, role), Duration.ofMinutes(30));
    }

    /** An API key token of an admin, limited to {@code scopes}. */
    public String apiKey(String... scopes) {
        return PlatformIssuerExtension.issuer()
                .issue(
                        Principals.apiKey(id, Ids.generate("key"), Ids.generate("usr"), Role.ADMIN, Set.of(scopes)),
                        Duration.ofMinutes(30));
    }

    /** The platform token the gateway gives SDK connection {@code connectionId} of this org. */
    public String sdk(String connectionId) {
        return PlatformIssuerExtension.issuer().issue(Principals.sdk(id, connectionId), Duration.ofMinutes(30));
    }
}
