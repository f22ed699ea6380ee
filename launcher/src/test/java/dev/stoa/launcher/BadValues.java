package dev.stoa.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * Families of bad input, as raw text: JSON fragments for body values, percent-encoded strings for path segments and
 * query values. Raw, because the point is to send what a well-behaved client never would: a {@code \u0000} escape,
 * an unpaired surrogate, {@code 1e400}, a malformed percent-encoding.
 */
final class BadValues {
    static final int HUGE_STRING = 70_000; // past the global string ceiling (65,536)
    static final int TOO_MANY = 1_001; // past the global entry ceiling (1,000)
    static final int TOO_DEEP = 40; // past the global depth ceiling (32)

    private BadValues() {}

    /** JSON fragments a string field must refuse (or accept) without failing. */
    static List<String> forString(JsonNode schema) {
        List<String> out = new ArrayList<>(List.of(
                "\"\\u0000\"",
                "\"fuzz\\u0000fuzz\"",
                "\"\\ud800\"",
                "\"x\\udc00\"",
                "\"\\u0001\"",
                "\"\\u001b[31mred\"",
                "\"\\u202eevil\"",
                "\"\\u200f\\u200e\"",
                "\"\\ufeffbom\"",
                "\"\uD83D\uDE00\"",
                "\"\"",
                "\"   \"",
                "\"' OR '1'='1\"",
                "\"<script>alert(1)</script>\"",
                "\"%00\"",
                "123",
                "true",
                "null",
                "{}",
                "[]",
                string(HUGE_STRING)));
        if (schema.has("maxLength")) {
            out.add(string(schema.path("maxLength").asInt() + 1));
        }
        return out;
    }

    static List<String> forNumber(JsonNode schema) {
        List<String> out = new ArrayList<>(List.of(
                "-1",
                "0",
                "2147483648",
                "-2147483649",
                "9223372036854775808",
                "1e400",
                "-1e400",
                "1.5",
                "-0.0",
                "1".repeat(150),
                "\"1\"",
                "true",
                "null",
                "[]"));
        if (schema.has("minimum")) {
            out.add(String.valueOf(schema.path("minimum").asDouble() - 1));
        }
        if (schema.has("maximum")) {
            out.add(String.valueOf(schema.path("maximum").asDouble() + 1));
        }
        return out;
    }

    static List<String> forBoolean() {
        return List.of("\"true\"", "0", "null", "{}");
    }

    static List<String> forArray(String item) {
        return List.of(
                "[]",
                "[null]",
                "[1,\"x\",{},[]]",
                "[" + String.join(",", java.util.Collections.nCopies(TOO_MANY, item)) + "]",
                "[".repeat(TOO_DEEP) + "]".repeat(TOO_DEEP),
                "\"x\"",
                "{}");
    }

    static List<String> forObject() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < TOO_MANY; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        return List.of(
                "{\"\\u0000\":1}",
                "{\"k\":\"\\u0000\"}",
                "{\"k\":\"\\ud800\"}",
                "{\"\\u0001key\":\"v\"}",
                "{\"k\":{\"k\":[\"\\u0000\"]}}",
                "{\"a\":".repeat(TOO_DEEP) + "1" + "}".repeat(TOO_DEEP),
                wide.append('}').toString(),
                "{\"" + "k".repeat(300) + "\":1}",
                "{\"k\":" + string(HUGE_STRING) + "}",
                "{\"k\":1e400}",
                "[]",
                "\"x\"",
                "42");
    }

    /** Whole bodies: malformed, of the wrong shape, too deep or too large. */
    static List<String> bodies() {
        return List.of(
                "",
                "{",
                "{\"a\":",
                "[1,2",
                "nul",
                "{}}",
                "{\"a\":1,\"a\":2}",
                "[]",
                "\"x\"",
                "42",
                "null",
                "\u0000",
                "{\"\\u0000\":\"\\u0000\"}",
                "[".repeat(100) + "]".repeat(100),
                "{\"a\":".repeat(100) + "1" + "}".repeat(100),
                "\ufeff{}",
                "{" + "\"x\":1,".repeat(20) + "}");
    }

    /** Raw (percent-encoded, sometimes malformed) path segments for an id. */
    static List<String> ids() {
        return List.of(
                "%00",
                "a%00b",
                "%01",
                "%7F",
                "%ED%A0%80",
                "%E2%80%AEx",
                "%E2%80%8F",
                "%F0%9F%98%80",
                "%%%",
                "%zz",
                "%C3%28",
                "%FF",
                "%2F",
                "%5C",
                "..",
                "%2E%2E",
                "%20",
                "-1",
                "0",
                "1.5",
                "99999999999999999999",
                "x".repeat(3_000),
                "x".repeat(5_000),
                "null",
                "%3Cscript%3E",
                "'%20OR%201=1--",
                "%252F",
                "~",
                "a;b=c",
                "*",
                "agt_" + "0".repeat(26),
                "org_" + "Z".repeat(26));
    }

    /** Raw query values. */
    static List<String> queryValues() {
        return List.of(
                "-1",
                "0",
                "101",
                "1e3",
                "1.5",
                "abc",
                "99999999999999999999",
                "",
                "%00",
                "a%00b",
                "%%%",
                "%zz",
                "%C3%28",
                "%ED%A0%80",
                "%E2%80%AE",
                "%0A",
                "%01",
                "+",
                "%2B",
                "x".repeat(3_000),
                "%7B",
                "%7B%22a%22%3A%22%5Cu0000%22%7D",
                "%7B%22a%22%3A%22%5Cud800%22%7D",
                "[1]",
                "nope");
    }

    /** Whole raw query strings with odd structure. */
    static List<String> queryStrings() {
        return List.of(
                "a=1&a=2", "=x", "&&&", "zz=%00", "%00=1", "zz=%%%", "zz", "%C3%28=1", "zz=" + "%41".repeat(900));
    }

    static List<String> idempotencyKeys() {
        return List.of("", " ", "x".repeat(300), "é", "\uD83D\uDE00", "a b", "\"quoted\"");
    }

    static List<String> ifMatches() {
        return List.of("abc", "\"1\"", "W/\"1\"", "*", "-1", "\"99999999999\"", "\"\"", "\"1\", \"2\"");
    }

    static List<String> accepts() {
        return List.of("application/xml", "text/html", "*/*;q=0", "garbage", "application/json;q=2");
    }

    static List<String> contentTypes() {
        return List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=latin1",
                "application/json; charset=nonsense",
                "garbage");
    }

    static List<String> methods() {
        return List.of("TRACE", "FOO", "PROPFIND", "PUT", "PATCH", "DELETE", "POST");
    }

    static String string(int length) {
        return "\"" + "x".repeat(length) + "\"";
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
