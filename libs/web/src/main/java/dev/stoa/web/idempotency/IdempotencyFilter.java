package dev.stoa.web.idempotency;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ProblemCodes;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.web.error.ProblemWriter;
import dev.stoa.web.request.BodyLimitFilter;
import dev.stoa.web.request.BodyTooLargeException;
import dev.stoa.web.request.RequestIds;
import dev.stoa.web.security.CurrentPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Makes authenticated POSTs carrying {@code Idempotency-Key} safe to retry: the first request runs and its
 * response (unless 5xx) is kept; the same request again replays it with {@code Idempotent-Replayed: true}; the
 * key reused for another request is 422, and while the first still runs 409. Streaming (SSE) requests are not
 * deduplicated: a stream cannot be replayed.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final String PENDING = IdempotencyFilter.class.getName() + ".pending";

    private final IdempotencyStore store;
    private final ProblemWriter problems;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        this.store = store;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        // An async handler's response is complete only at the end of its async dispatch.
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            chain.doFilter(request, response);
            finishIfDone(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!IdempotencyKeys.isValid(key)) {
            List<FieldError> errors = List.of(new FieldError(HEADER, "must be 1 to 255 printable ASCII characters"));
            problems.write(
                    response,
                    problems.problem(
                            request,
                            400,
                            ProblemCodes.VALIDATION_FAILED,
                            HEADER + ": " + errors.getFirst().message(),
                            false,
                            errors));
            return;
        }
        Optional<Principal> principal = CurrentPrincipal.find();
        if (principal.isEmpty() || acceptsEventStream(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLargeException e) {
            problems.write(request, response, 413, ProblemCodes.PAYLOAD_TOO_LARGE, BodyLimitFilter.detail(request));
            return;
        }
        IdempotencyScope scope =
                new IdempotencyScope(principal.get().orgId(), principal.get().subject(), key);
        Reservation reservation;
        try {
            reservation = store.reserve(scope, IdempotencyKeys.requestHash(request, body));
        } catch (RuntimeException e) {
            log.error("request {}: idempotency store unavailable", RequestIds.of(request), e);
            problems.write(
                    response,
                    problems.problem(
                            request,
                            503,
                            "unavailable",
                            "the request could not be processed right now",
                            true,
                            List.of()));
            return;
        }
        switch (reservation) {
            case Reservation.Mismatch m ->
                problems.write(
                        request,
                        response,
                        422,
                        "idempotency_key_reused",
                        "this Idempotency-Key was used for a different request");
            case Reservation.InFlight f ->
                problems.write(
                        response,
                        problems.problem(
                                request,
                                409,
                                "idempotency_request_in_flight",
                                "a request with this Idempotency-Key is still being processed",
                                true,
                                List.of()));
            case Reservation.Replay replay -> replay(replay.response(), response);
            case Reservation.Reserved r -> run(new CachedBodyRequest(request, body), response, chain, scope);
        }
    }

    private void run(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, IdempotencyScope scope)
            throws ServletException, IOException {
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        request.setAttribute(PENDING, scope);
        try {
            chain.doFilter(request, cached);
        } catch (IOException | ServletException | RuntimeException e) {
            request.removeAttribute(PENDING);
            releaseQuietly(scope);
            throw e;
        }
        finishIfDone(request, cached);
    }

    private void finishIfDone(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.isAsyncStarted() || !(request.getAttribute(PENDING) instanceof IdempotencyScope scope)) {
            return;
        }
        request.removeAttribute(PENDING);
        ContentCachingResponseWrapper cached =
                WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        if (cached == null) {
            releaseQuietly(scope);
            return;
        }
        try {
            if (cached.getStatus() >= 500) {
                store.release(scope);
            } else {
                store.complete(
                        scope,
                        new StoredResponse(
                                cached.getStatus(),
                                cached.getContentType(),
                                cached.getHeader(HttpHeaders.LOCATION),
                                cached.getContentAsByteArray()));
            }
        } catch (RuntimeException e) {
            // The response is already produced; the client still gets it, a retry will simply run again.
            log.error("request {}: could not record idempotent response", RequestIds.of(request), e);
            releaseQuietly(scope);
        }
        cached.copyBodyToResponse();
    }

    private void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void releaseQuietly(IdempotencyScope scope) {
        try {
            store.release(scope);
        } catch (RuntimeException e) {
            log.warn("could not release idempotency key reservation; it expires on its own", e);
        }
    }

    private static boolean acceptsEventStream(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
    }
}
