package dev.stoa.web.error;

import dev.stoa.common.error.ProblemCodes;
import java.io.IOException;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report, in the API's shape: errors Tomcat answers itself, before or outside the application (an
 * invalid URI or encoded character, a request it cannot parse, a method it refuses), are problem+json like every
 * other error, not Tomcat's HTML page. Errors the application reports go to {@link ProblemErrorController} and
 * never reach this valve with an empty body.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
    private final ProblemWriter writer;

    public ProblemErrorReportValve(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setSuspended(false); // sendError suspends the response; the problem must still be written
            writer.write(request, response, status, ProblemCodes.codeFor(status), detail(status));
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response cannot take a body: nothing more can be sent
        }
    }

    private static String detail(int status) {
        if (status == 400) {
            return "the request could not be read: its URI, headers or encoding are malformed";
        }
        if (status >= 500) {
            return ProblemCodes.INTERNAL_DETAIL;
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "the request failed" : known.getReasonPhrase().toLowerCase(Locale.ROOT);
    }
}
