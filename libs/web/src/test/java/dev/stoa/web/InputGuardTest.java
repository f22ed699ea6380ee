package dev.stoa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The input guard seen from a client: what it refuses, how it names the field, and what it lets through. */
class InputGuardTest extends WebTestSupport {

    @Test
    void refusesNulInAStringFieldNamingIt() {
        HttpResponse<String> response = postJson("/things", "{\"display_name\":\"a\\u0000\",\"count\":1}", USER_TOKEN);

        assertInvalid(response, "display_name", "must not contain NUL characters");
    }

    @Test
    void refusesNulDeepInFreeFormJsonBeforeItIsStored() {
        HttpResponse<String> response =
                postJson("/notes", "{\"title\":\"t\",\"metadata\":{\"tags\":[\"ok\",\"\\u0000\"]}}", USER_TOKEN);

        assertInvalid(response, "metadata.tags[1]", "must not contain NUL characters");
    }

    @Test
    void refusesUnpairedSurrogatesAndControlCharacters() {
        assertInvalid(
                postJson("/notes", "{\"title\":\"\\ud800\"}", USER_TOKEN),
                "title",
                "must not contain unpaired surrogates");
        assertInvalid(
                postJson("/notes", "{\"title\":\"\\u001b[31m\"}", USER_TOKEN),
                "title",
                "must not contain control characters");
    }

    @Test
    void refusesPropertyNamesWithControlCharacters() {
        HttpResponse<String> response =
                postJson("/notes", "{\"title\":\"t\",\"metadata\":{\"a\":{\"\\u0000\":1}}}", USER_TOKEN);

        assertInvalid(response, "metadata.a", "has a property name that must not contain NUL characters");
    }

    @Test
    void refusesNestingPastTheCeiling() {
        String deep = "[".repeat(40) + "]".repeat(40);
        HttpResponse<String> response = postJson("/notes", "{\"title\":\"t\",\"metadata\":" + deep + "}", USER_TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/errors/0/field").asString()).startsWith("metadata[0]");
        assertThat(json(response).at("/errors/0/message").asString()).contains("deeper than 32 levels");
    }

    @Test
    void acceptsLineBreaksTabsBidiMarksAndEmoji() {
        HttpResponse<String> response = postJson(
                "/notes",
                "{\"title\":\"a\\tb\\nc\\r\\u202e\\u200f\uD83D\uDE00\",\"metadata\":{\"k\":\"\\u007f\"}}",
                USER_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void namesThePathVariableHoldingAControlCharacter() {
        assertInvalid(get("/notes/a%01b", USER_TOKEN), "note_id", "must not contain control characters");
    }

    @Test
    void namesTheQueryParameterWithAMalformedEscapeOrNotUtf8() throws IOException {
        assertInvalid(get("/things?cursor=%C3%28", USER_TOKEN), "cursor", "is not valid percent-encoded UTF-8");
        Raw malformed = raw("GET /things?limit=1&cursor=%%% HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + USER_TOKEN
                + "\r\nConnection: close\r\n\r\n");

        assertThat(malformed.head()).startsWith("HTTP/1.1 400");
        assertThat(malformed.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(malformed.json().at("/errors/0/field").asString()).isEqualTo("cursor");
    }

    @Test
    void answersWhatTomcatRefusesItselfWithAProblem() throws IOException {
        for (String request : new String[] {
            "GET /notes/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /notes/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /things?x=| HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "GET /things HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\nConnection: close\r\n\r\n"
        }) {
            Raw answer = raw(request);

            assertThat(answer.head()).as(request).startsWith("HTTP/1.1 400");
            assertThat(answer.head()).as(request).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer.json().path("code").asString()).as(request).isEqualTo("bad_request");
            assertThat(answer.json().path("request_id").asString()).as(request).startsWith("req_");
        }
    }

    private static void assertInvalid(HttpResponse<String> response, String field, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = json(response);
        assertThat(body.path("code").asString()).isEqualTo("validation_failed");
        assertThat(body.at("/errors/0/field").asString()).isEqualTo(field);
        assertThat(body.at("/errors/0/message").asString()).isEqualTo(message);
    }

    /** A raw exchange: what no HTTP client library would send. */
    private record Raw(String head, String body) {
        JsonNode json() {
            return JSON_READER.readTree(body);
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON_READER =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private Raw raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            return new Raw(response.substring(0, split), response.substring(split + 4));
        }
    }
}
