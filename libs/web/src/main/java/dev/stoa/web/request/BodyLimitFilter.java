package dev.stoa.web.request;

import dev.stoa.common.error.ProblemCodes;
import dev.stoa.web.error.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code stoa.web.max-body-bytes}: at once when {@code Content-Length} says
 * so, otherwise (chunked bodies) while the body is streamed, before anything buffers it.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
    /** Request attribute holding the limit once it was exceeded, whoever reads the body. */
    public static final String EXCEEDED_ATTRIBUTE = BodyLimitFilter.class.getName() + ".exceeded";

    private final long maxBytes;
    private final ProblemWriter problems;

    public BodyLimitFilter(long maxBytes, ProblemWriter problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    /** Whether the body of this request was cut off for being too large. */
    public static boolean exceeded(HttpServletRequest request) {
        return request.getAttribute(EXCEEDED_ATTRIBUTE) != null;
    }

    /** The problem detail of a refused body. */
    public static String detail(HttpServletRequest request) {
        return request.getAttribute(EXCEEDED_ATTRIBUTE) instanceof Long limit
                ? "the request body must not exceed " + limit + " bytes"
                : "the request body is too large";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            request.setAttribute(EXCEEDED_ATTRIBUTE, maxBytes);
            // The unread body is not worth draining; closing the connection stops the client sending it.
            response.setHeader(HttpHeaders.CONNECTION, "close");
            problems.write(request, response, 413, ProblemCodes.PAYLOAD_TOO_LARGE, detail(request));
            return;
        }
        chain.doFilter(new LimitedRequest(request), response);
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {
        private @Nullable LimitedInputStream stream;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), (HttpServletRequest) getRequest());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final HttpServletRequest request;
        private long count;

        LimitedInputStream(ServletInputStream delegate, HttpServletRequest request) {
            this.delegate = delegate;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > maxBytes) {
                request.setAttribute(EXCEEDED_ATTRIBUTE, maxBytes);
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
