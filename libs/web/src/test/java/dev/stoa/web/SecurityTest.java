package dev.stoa.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.test.Principals;
import dev.stoa.web.testapp.WebTestApplication;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityTest extends WebTestSupport {
    private static final Principal MEMBER = Principals.user(ORG, "usr_1", Role.MEMBER);

    @Test
    void acceptsValidTokenAndHandsPrincipalToController() {
        HttpResponse<String> response = get("/me", ISSUER.issue(MEMBER));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("org_id").asString()).isEqualTo(ORG);
        assertThat(json(response).get("subject").asString()).isEqualTo("usr_1");
        assertThat(json(response).get("type").asString()).isEqualTo("user");
    }

    @Test
    void refusesMissingToken() {
        HttpResponse<String> response = get("/me", null);

        assertUnauthorized(response, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void refusesExpiredToken() {
        assertUnauthorized(get("/me", ISSUER.expired(MEMBER)), "invalid_token");
    }

    @Test
    void refusesTamperedToken() {
        assertUnauthorized(get("/me", ISSUER.tampered(MEMBER)), "invalid_token");
    }

    @Test
    void refusesUnsignedToken() {
        assertUnauthorized(get("/me", ISSUER.unsigned(MEMBER)), "invalid_token");
    }

    @Test
    void refusesTokenOfWrongIssuer() {
        assertUnauthorized(get("/me", ISSUER.withWrongIssuer(MEMBER)), "invalid_token");
    }

    @Test
    void refusesTokenSignedByOtherKey() {
        assertUnauthorized(get("/me", ISSUER.signedByOtherKey(MEMBER)), "invalid_token");
    }

    @Test
    void refusesGarbageToken() {
        assertUnauthorized(get("/me", "not-a-jwt"), "invalid_token");
    }

    @Test
    void refusesSdkTokenOnRest() {
        assertUnauthorized(get("/me", ISSUER.issue(Principals.sdk(ORG, "sdk_1"))), "sdk_token_not_allowed");
    }

    @Test
    void refusesRevokedToken() {
        Principal revoked = new Principal(
                ORG, "usr_1", "usr_1", Role.MEMBER, Set.of(), TokenType.USER, WebTestApplication.REVOKED_SESSION);

        assertUnauthorized(get("/me", ISSUER.issue(revoked)), "token_revoked");
    }

    @Test
    void servesPublicPathWithoutToken() {
        HttpResponse<String> response = get("/public/ping", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("pong").asString()).isEqualTo("yes");
    }

    @Test
    void servesHealthAndApiDocsWithoutToken() {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> docs = get("/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json(docs).get("info").get("title").asString()).isEqualTo("web-test");
        assertThat(json(docs)
                        .at("/components/securitySchemes/bearer-jwt/scheme")
                        .asString())
                .isEqualTo("bearer");
    }

    @Test
    void createsNoSession() {
        HttpResponse<String> response = get("/me", ISSUER.issue(MEMBER));

        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    private static void assertUnauthorized(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("code").asString()).isEqualTo(code);
    }
}
