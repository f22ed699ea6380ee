package dev.stoa.common.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.error.StoaException.FieldError;
import org.junit.jupiter.api.Test;

/** The rules for text and URI parts that the services and the gateway share. */
class UriRulesTest {

    @Test
    void refusesNulControlsAndUnpairedSurrogatesButNotOtherUnicode() {
        assertThat(InputRules.violation("a\u0000b", true)).isEqualTo("must not contain NUL characters");
        assertThat(InputRules.violation("a\u001bb", true)).isEqualTo("must not contain control characters");
        assertThat(InputRules.violation("a\ud800", true)).isEqualTo("must not contain unpaired surrogates");
        assertThat(InputRules.violation("\udc00a", true)).isEqualTo("must not contain unpaired surrogates");
        assertThat(InputRules.violation("line\nbreak\ttab\r", false)).isEqualTo("must not contain control characters");
        assertThat(InputRules.violation("line\nbreak\ttab\r", true)).isNull();
        assertThat(InputRules.violation("\u202e\u200f\u007f\u0085\uD83D\uDE00 ünïcödé", false))
                .isNull();
    }

    @Test
    void decodesPercentEncodedUtf8StrictlyOrNotAtAll() {
        assertThat(PercentDecoding.decode("a%20b+c", true)).isEqualTo("a b c");
        assertThat(PercentDecoding.decode("a+b", false)).isEqualTo("a+b");
        assertThat(PercentDecoding.decode("%E2%80%AE%F0%9F%98%80", false)).isEqualTo("\u202e\uD83D\uDE00");
        assertThat(PercentDecoding.decode("%%%", true)).isNull();
        assertThat(PercentDecoding.decode("%zz", true)).isNull();
        assertThat(PercentDecoding.decode("abc%4", true)).isNull();
        assertThat(PercentDecoding.decode("%C3%28", true)).isNull();
        assertThat(PercentDecoding.decode("%ED%A0%80", true)).isNull(); // an encoded surrogate is not UTF-8
    }

    @Test
    void namesTheQueryParameterThatIsWrong() {
        assertThat(UriRules.queryErrors("limit=10&cursor=%%%"))
                .containsExactly(new FieldError("cursor", "is not valid percent-encoded UTF-8"));
        assertThat(UriRules.queryErrors("q=a%00b"))
                .containsExactly(new FieldError("q", "must not contain NUL characters"));
        assertThat(UriRules.queryErrors("x=|"))
                .containsExactly(new FieldError("x", "is not valid percent-encoded UTF-8"));
        assertThat(UriRules.queryErrors("%00=1"))
                .containsExactly(
                        new FieldError("query", "has a parameter name that is not valid percent-encoded text"));
        assertThat(UriRules.queryErrors("context=%7B%22a%22%3A%221%22%7D&q=line%0Abreak&&"))
                .isEmpty();
        assertThat(UriRules.queryErrors(null)).isEmpty();
    }

    @Test
    void refusesPathSegmentsThatHideSomething() {
        assertThat(UriRules.pathErrors("/api/v1/agents/agt_1")).isEmpty();
        assertThat(UriRules.pathErrors("/api/v1/agents/%E2%80%AEx")).isEmpty();
        assertThat(UriRules.pathErrors("/api/v1/agents/%00").getFirst().message())
                .isEqualTo("must not contain NUL characters");
        assertThat(UriRules.pathErrors("/api/v1/agents/a%0Ab").getFirst().message())
                .isEqualTo("must not contain control characters");
        assertThat(UriRules.pathErrors("/api/v1/agents/%2E%2E/x").getFirst().message())
                .isEqualTo("must not contain dot segments");
        assertThat(UriRules.pathErrors("/api/v1/agents/a%2Fb").getFirst().message())
                .isEqualTo("must not contain encoded slashes or backslashes");
        assertThat(UriRules.pathErrors("/api/v1/agents/%%%").getFirst())
                .isEqualTo(new FieldError("path", "is not valid percent-encoded UTF-8"));
    }
}
