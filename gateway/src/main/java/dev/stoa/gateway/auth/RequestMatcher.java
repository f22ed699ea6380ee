package dev.stoa.gateway.auth;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Matches requests against {@code "[METHOD ]pattern"} entries such as {@code "POST /api/v1/auth/login"}. */
public final class RequestMatcher {
    private final List<Entry> entries;

    public RequestMatcher(List<String> specs) {
        this.entries = specs.stream().map(RequestMatcher::parse).toList();
    }

    public boolean matches(HttpMethod method, PathContainer path) {
        return entries.stream()
                .anyMatch(e -> (e.method() == null || e.method().equals(method.name()))
                        && e.pattern().matches(path));
    }

    private static Entry parse(String spec) {
        String trimmed = spec.trim();
        int space = trimmed.indexOf(' ');
        String method = space < 0 ? null : trimmed.substring(0, space).toUpperCase(Locale.ROOT);
        String path = space < 0 ? trimmed : trimmed.substring(space + 1).trim();
        return new Entry(method, PathPatternParser.defaultInstance.parse(path));
    }

    private record Entry(@Nullable String method, PathPattern pattern) {}
}
