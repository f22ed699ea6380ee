package dev.stoa.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestContextFilterTest {

    @Test
    void keepsAWellFormedRequestIdAndReplacesOthers() {
        assertThat(RequestContextFilter.requestIdOrNew("abc-123_X.y")).isEqualTo("abc-123_X.y");
        assertThat(RequestContextFilter.requestIdOrNew("has space")).startsWith("req_");
        assertThat(RequestContextFilter.requestIdOrNew("a".repeat(129))).startsWith("req_");
        assertThat(RequestContextFilter.requestIdOrNew(null)).startsWith("req_");
    }

    @Test
    void acceptsOnlyWellFormedTraceparents() {
        assertThat(RequestContextFilter.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isTrue();
        assertThat(RequestContextFilter.isValidTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isFalse();
        assertThat(RequestContextFilter.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"))
                .isFalse();
        assertThat(RequestContextFilter.isValidTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isFalse();
        assertThat(RequestContextFilter.isValidTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .isFalse();
        assertThat(RequestContextFilter.isValidTraceparent(
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"))
                .isFalse();
    }

    @Test
    void generatesVersionZeroSampledTraceparents() {
        String generated = RequestContextFilter.newTraceparent();

        assertThat(generated).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(RequestContextFilter.isValidTraceparent(generated)).isTrue();
    }
}
