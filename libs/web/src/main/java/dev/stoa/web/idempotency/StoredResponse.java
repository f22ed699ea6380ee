package dev.stoa.web.idempotency;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The part of a completed response that is replayed for a repeated request. */
public record StoredResponse(
        int status, @Nullable String contentType, @Nullable String location, byte[] body) {

    public StoredResponse {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredResponse that
                && status == that.status
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(location, that.location)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(status, contentType, location) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "StoredResponse[status=" + status + ", contentType=" + contentType + ", bytes=" + body.length + "]";
    }
}
