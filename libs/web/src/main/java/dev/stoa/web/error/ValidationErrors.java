package dev.stoa.web.error;

import dev.stoa.common.error.StoaException.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.validation.Errors;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** Bean-validation failures as field errors named the way the API spells them (snake_case paths). */
final class ValidationErrors {
    private ValidationErrors() {}

    static List<FieldError> of(Errors result) {
        List<FieldError> out = new ArrayList<>();
        result.getFieldErrors()
                .forEach(
                        e -> out.add(new FieldError(Problems.snakeCase(e.getField()), message(e.getDefaultMessage()))));
        result.getGlobalErrors().forEach(e -> out.add(new FieldError("body", message(e.getDefaultMessage()))));
        return out;
    }

    static List<FieldError> of(HandlerMethodValidationException e) {
        List<FieldError> out = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                out.addAll(of(errors));
                continue;
            }
            String name = parameterName(result.getMethodParameter());
            result.getResolvableErrors()
                    .forEach(error -> out.add(new FieldError(name, message(error.getDefaultMessage()))));
        }
        e.getCrossParameterValidationResults()
                .forEach(error -> out.add(new FieldError("request", message(error.getDefaultMessage()))));
        return out;
    }

    static List<FieldError> of(Iterable<? extends ConstraintViolation<?>> violations) {
        List<FieldError> out = new ArrayList<>();
        violations.forEach(v -> out.add(new FieldError(path(v.getPropertyPath()), message(v.getMessage()))));
        return out;
    }

    /** The parameter's name on the wire: the annotation's explicit name, else the Java name in snake_case. */
    static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !(param.name() + param.value()).isEmpty()) {
            return param.name().isEmpty() ? param.value() : param.name();
        }
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable != null && !(variable.name() + variable.value()).isEmpty()) {
            return variable.name().isEmpty() ? variable.value() : variable.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !(header.name() + header.value()).isEmpty()) {
            return header.name().isEmpty() ? header.value() : header.name();
        }
        String name = parameter.getParameterName();
        return name == null ? "arg" + parameter.getParameterIndex() : Problems.snakeCase(name);
    }

    private static String path(Path path) {
        // Method-validation paths start with the method and parameter ("create.request.name"); the API knows
        // only the property, or the parameter when the violation is on the parameter itself.
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            boolean last = i == nodes.size() - 1;
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER
                    || (kind == ElementKind.PARAMETER && !last)) {
                continue;
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().isEmpty()) {
                out.append(out.isEmpty() ? "" : ".").append(Problems.snakeCase(node.getName()));
            }
        }
        return out.isEmpty() ? "request" : out.toString();
    }

    private static String message(@Nullable String message) {
        return message == null ? "is invalid" : message;
    }
}
