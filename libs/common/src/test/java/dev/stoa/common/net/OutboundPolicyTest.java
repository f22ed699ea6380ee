package dev.stoa.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {
    private static final OutboundPolicy PRIVATE = new OutboundPolicy(true, true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.169.254",
                "169.254.170.2",
                "169.254.170.23",
                "168.63.129.16",
                "100.100.100.200",
                "fd00:ec2::254",
                "fd00:ec2::23",
                "::ffff:169.254.169.254", // IPv4-mapped
                "::a9fe:a9fe", // IPv4-compatible
                "64:ff9b::a9fe:a9fe", // NAT64
                "2002:a9fe:a9fe::1", // 6to4 around 169.254.169.254
                "2001:0:4136:e378:8000:63bf:5601:5601" // Teredo, client ~0x56015601 = 169.254.169.254
            })
    void metadataServicesAreRefusedWhateverIsAllowed(String address) throws Exception {
        InetAddress parsed = InetAddress.getByName(address);
        assertThat(PRIVATE.refusal(parsed)).contains("metadata");
        assertThat(OutboundPolicy.LOOPBACK.refusal(parsed)).contains("metadata");
        assertThat(OutboundPolicy.PUBLIC_ONLY.refusal(parsed)).contains("metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"})
    void loopbackOnlyWhenLoopbackIsAllowed(String address) throws Exception {
        InetAddress parsed = InetAddress.getByName(address);
        assertThat(OutboundPolicy.LOOPBACK.refusal(parsed)).isNull();
        assertThat(PRIVATE.refusal(parsed)).isNull();
        assertThat(OutboundPolicy.PUBLIC_ONLY.refusal(parsed)).contains("loopback");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.5",
                "172.16.0.1",
                "192.168.1.20",
                "100.64.0.1",
                "169.254.10.10",
                "0.0.0.0",
                "224.0.0.1",
                "240.0.0.1",
                "198.18.0.1",
                "fc00::1",
                "fe80::1",
                "::",
                "::ffff:10.0.0.5",
                "2002:0a00:0005::1", // 6to4 around 10.0.0.5
                "2001:0:4136:e378:8000:63bf:f5ff:fffa" // Teredo, client ~0xf5fffffa = 10.0.0.5
            })
    void otherInternalAddressesOnlyWhenPrivateNetworksAreAllowed(String address) throws Exception {
        InetAddress parsed = InetAddress.getByName(address);
        assertThat(OutboundPolicy.LOOPBACK.refusal(parsed))
                .as("the embedded default admits loopback only")
                .isNotNull();
        assertThat(OutboundPolicy.PUBLIC_ONLY.refusal(parsed)).isNotNull();
        assertThat(PRIVATE.refusal(parsed)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "2001:4860:4860::8888", "2002:0808:0808::1"})
    void publicAddressesAreAdmitted(String address) throws Exception {
        assertThat(OutboundPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address)))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "http://user:secret@8.8.8.8/", "not a url", "http:///v1"})
    void urlsNeedHttpAHostAndNoCredentials(String url) {
        assertThatThrownBy(() -> PRIVATE.checkUrl(url, "url"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://metadata.google.internal/", "http://[::ffff:a9fe:a9fe]/", "http://168.63.129.16/"})
    void urlsOfMetadataServicesAreRefused(String url) {
        assertThatThrownBy(() -> PRIVATE.checkUrl(url, "url")).hasMessageContaining("metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/v1", "http://127.0.0.1:11434/v1"})
    void theEmbeddedDefaultAdmitsPublicAndLoopbackUrls(String url) {
        assertThatCode(() -> OutboundPolicy.LOOPBACK.checkUrl(url, "url")).doesNotThrowAnyException();
    }
}
