package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.UnauthenticatedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class CredentialTest {

    @Test
    void readsApiKeysFromEitherHeader() {
        assertThat(Credential.from(headers("x-api-key", "stoa_sk_abc"))).contains(new Credential.ApiKey("stoa_sk_abc"));
        assertThat(Credential.from(headers("Authorization", "Bearer stoa_sk_abc")))
                .contains(new Credential.ApiKey("stoa_sk_abc"));
    }

    @Test
    void tellsSdkSecretsAndJwtsApartByShape() {
        assertThat(Credential.from(headers("Authorization", "bearer stoa_sdk_xyz")))
                .contains(new Credential.SdkSecret("stoa_sdk_xyz"));
        assertThat(Credential.from(headers("Authorization", "Bearer a.b.c")))
                .contains(new Credential.PlatformJwt("a.b.c"));
    }

    @Test
    void findsNoCredentialInARequestWithout() {
        assertThat(Credential.from(new HttpHeaders())).isEmpty();
    }

    @Test
    void rejectsUnrecognisedCredentials() {
        assertThatThrownBy(() -> Credential.from(headers("Authorization", "Basic dXNlcjpwdw==")))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> Credential.from(headers("Authorization", "Bearer opaque")))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> Credential.from(headers("x-api-key", "sk_live_other")))
                .isInstanceOf(UnauthenticatedException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_api_key");
    }

    private static HttpHeaders headers(String name, String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(name, value);
        return headers;
    }
}
