package dev.stoa.web.input;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.common.input.InputRules;
import dev.stoa.common.input.UriRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Holds path variables and query parameters to {@link InputRules} and {@link UriRules} before a controller sees them,
 * naming the parameter: a path id with a control character, or a query value that is not valid percent-encoded UTF-8
 * (the container would silently mangle it) or holds NUL, is refused with 400 instead of reaching a query.
 */
public final class UriInputGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                String problem = InputRules.violation(String.valueOf(value), false);
                if (problem != null) {
                    errors.add(new FieldError(String.valueOf(name), problem));
                }
            });
        }
        errors.addAll(UriRules.queryErrors(request.getQueryString()));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return true;
    }
}
