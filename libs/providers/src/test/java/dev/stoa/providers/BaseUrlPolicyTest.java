package dev.stoa.providers;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlPolicyTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest",
                "http://[fd00:ec2::254]/",
                "http://metadata.google.internal/computeMetadata/v1",
                "http://METADATA.google.internal./",
                "http://100.100.100.200/",
                "http://[::ffff:169.254.169.254]/",
                "http://[64:ff9b::a9fe:a9fe]/"
            })
    void refusesMetadataServicesEvenWhenPrivateNetworksAreAllowed(String url) {
        assertThatThrownBy(() -> BaseUrlPolicy.check(url, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("metadata");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:11434/v1",
                "http://localhost:8000",
                "http://10.0.0.5/v1",
                "http://192.168.1.20/v1",
                "http://172.16.0.1/",
                "http://169.254.10.10/",
                "http://[::1]:8080/",
                "http://[fc00::1]/",
                "http://0.0.0.0/",
                "http://224.0.0.1/",
                "http://100.64.0.1/"
            })
    void refusesInternalAddressesUnlessAllowed(String url) {
        assertThatThrownBy(() -> BaseUrlPolicy.check(url, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("base_url");
        assertThatCode(() -> BaseUrlPolicy.check(url, true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/",
                "file:///etc/passwd",
                "gopher://127.0.0.1/",
                "http://user:secret@8.8.8.8/",
                "not a url",
                "http:///v1"
            })
    void refusesOtherSchemesUserinfoAndMalformedUrls(String url) {
        assertThatThrownBy(() -> BaseUrlPolicy.check(url, true))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .doesNotContain("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/v1", "http://[2001:4860:4860::8888]/v1"})
    void acceptsPublicAddresses(String url) {
        assertThatCode(() -> BaseUrlPolicy.check(url, false)).doesNotThrowAnyException();
    }
}
