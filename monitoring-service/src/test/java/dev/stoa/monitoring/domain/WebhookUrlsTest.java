package dev.stoa.monitoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.net.OutboundPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production URL rules: https only, public addresses only, checked when a webhook is registered. */
class WebhookUrlsTest {
    private static final WebhookSettings PRODUCTION =
            new WebhookSettings(false, OutboundPolicy.PUBLIC_ONLY, List.of(), 10);

    @Test
    void refusesPlainHttpLoopbackPrivateMetadataAndNamesResolvingToLoopback() {
        for (String url : List.of(
                "http://93.184.215.14/hook", // public, but not https
                "https://127.0.0.1/hook",
                "https://[::1]/hook",
                "https://localhost/hook", // a name that resolves to loopback
                "https://10.0.0.7/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://[::ffff:127.0.0.1]/hook", // IPv4-mapped loopback
                "https://metadata.google.internal/",
                "https://example.com/hook#fragment",
                "not a url")) {
            assertThatThrownBy(() -> WebhookUrls.check(url, PRODUCTION))
                    .as(url)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("url"));
        }
    }

    @Test
    void acceptsAnHttpsUrlOfAPublicAddress() {
        assertThat(WebhookUrls.check(" https://93.184.215.14/hooks/stoa?x=1 ", PRODUCTION))
                .isEqualTo("https://93.184.215.14/hooks/stoa?x=1");
    }

    @Test
    void acceptsHttpOnlyWhereInsecureUrlsAreAllowed() {
        WebhookSettings tests = new WebhookSettings(true, new OutboundPolicy(true, true), List.of(), 10);
        assertThat(WebhookUrls.check("http://127.0.0.1:8080/hook", tests)).isEqualTo("http://127.0.0.1:8080/hook");
        assertThatThrownBy(() -> WebhookUrls.check("http://169.254.169.254/", tests))
                .isInstanceOf(InvalidInputException.class);
    }
}
