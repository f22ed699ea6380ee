package dev.stoa.web.error;

import dev.stoa.common.error.ProblemCodes;
import dev.stoa.common.error.StoaException;
import dev.stoa.web.request.BodyLimitFilter;
import dev.stoa.web.request.RequestIds;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error endpoint so that errors raised outside controllers (filters, the
 * servlet container) are problem+json too.
 */
@Hidden // not an operation of the API: the container forwards failures here
@RestController
public class ProblemErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ProblemWriter writer;

    public ProblemErrorController(ProblemWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (BodyLimitFilter.exceeded(request)) {
            writer.write(request, response, 413, ProblemCodes.PAYLOAD_TOO_LARGE, BodyLimitFilter.detail(request));
            return;
        }
        if (failure instanceof StoaException stoa) {
            writer.write(request, response, stoa);
            return;
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        if (status >= 500) {
            log.error("request {} failed with status {}", RequestIds.of(request), status, failure);
            writer.write(request, response, status, ProblemCodes.codeFor(status), ProblemCodes.INTERNAL_DETAIL);
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String detail =
                known == null ? "the request failed" : known.getReasonPhrase().toLowerCase(Locale.ROOT);
        writer.write(request, response, status, ProblemCodes.codeFor(status), detail);
    }
}
