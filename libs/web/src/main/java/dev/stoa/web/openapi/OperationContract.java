package dev.stoa.web.openapi;

import dev.stoa.common.page.PageRequest;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;

/**
 * Per operation: a stable {@code operationId} and a tag are part of the contract, so an operation without an explicit
 * {@code @Operation(operationId = ...)} or a {@code @Tag} fails the document instead of getting a name derived from
 * the Java method; {@link ProblemResponse}s join the responses; list endpoints document the page size and cursor
 * that {@link PageRequest} enforces.
 */
final class OperationContract implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        io.swagger.v3.oas.annotations.Operation annotation =
                handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
        if (annotation == null || annotation.operationId().isBlank()) {
            throw new IllegalStateException(handler.getShortLogMessage()
                    + " needs @Operation(operationId = \"...\"): operation ids are part of the API contract");
        }
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            throw new IllegalStateException(handler.getShortLogMessage()
                    + " needs a @Tag (on the controller): the API reference is grouped by tags");
        }
        for (ProblemResponse problem : handler.getMethod().getAnnotationsByType(ProblemResponse.class)) {
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            operation
                    .getResponses()
                    .addApiResponse(
                            Integer.toString(problem.status()), new ApiResponse().description(problem.description()));
        }
        if (returnsPage(handler) && operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if ("query".equals(parameter.getIn())) {
                    describePaging(parameter);
                }
            }
        }
        return operation;
    }

    private static void describePaging(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        if ("limit".equals(parameter.getName()) && schema != null) {
            parameter.setDescription("Items per page.");
            schema.setMinimum(BigDecimal.ONE);
            schema.setMaximum(BigDecimal.valueOf(PageRequest.MAX_LIMIT));
            @SuppressWarnings("unchecked")
            Schema<Object> any = (Schema<Object>) schema;
            any.setDefault(PageRequest.DEFAULT_LIMIT);
        } else if ("cursor".equals(parameter.getName())) {
            parameter.setDescription("The next_cursor of the previous page; absent for the first page.");
        }
    }

    private static boolean returnsPage(HandlerMethod handler) {
        ResolvableType type = ResolvableType.forMethodReturnType(handler.getMethod());
        if (ResponseEntity.class.isAssignableFrom(type.toClass())) {
            type = type.getGeneric(0);
        }
        return PageResponse.class.isAssignableFrom(type.toClass());
    }
}
