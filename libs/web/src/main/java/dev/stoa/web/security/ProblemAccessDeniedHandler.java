package dev.stoa.web.security;

import dev.stoa.common.error.ProblemCodes;
import dev.stoa.web.error.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers authorization failures raised in the security filter chain with a 403 problem. */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {
    private final ProblemWriter writer;

    public ProblemAccessDeniedHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        writer.write(request, response, 403, ProblemCodes.PERMISSION_DENIED, "you are not allowed to do this");
    }
}
