package dev.stoa.grpc.error;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.proto.common.v1.ErrorDetail;
import dev.stoa.proto.common.v1.FieldViolation;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The gRPC side of Stoa's error model: a {@link StoaException} travels as a {@code google.rpc.Status} whose
 * details hold a {@code google.rpc.ErrorInfo} (reason = code, domain {@value #DOMAIN}, metadata {@code kind})
 * and a {@code stoa.common.v1.ErrorDetail} (code, retryable, field violations); clients rebuild the exception.
 *
 * <p>Kinds map to status codes as INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, CONFLICT →
 * ABORTED (Stoa conflicts include concurrent updates and requests in flight, not only existing entities; the
 * detail's {@code retryable} says whether resending can succeed), PAYLOAD_TOO_LARGE and RATE_LIMITED →
 * RESOURCE_EXHAUSTED, FAILED_PRECONDITION, INTERNAL, UNAVAILABLE.
 */
public final class GrpcErrors {
    public static final String DOMAIN = "stoa.dev";
    public static final String KIND_METADATA = "kind";
    public static final String INTERNAL_MESSAGE = "internal error";

    private GrpcErrors() {}

    public static Status.Code statusCode(ErrorKind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case CONFLICT -> Status.Code.ABORTED;
            case PAYLOAD_TOO_LARGE, RATE_LIMITED -> Status.Code.RESOURCE_EXHAUSTED;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case INTERNAL -> Status.Code.INTERNAL;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
        };
    }

    /** The status a server answers for a domain exception; INTERNAL never carries the exception's message. */
    public static StatusException toStatusException(StoaException e) {
        return StatusProto.toStatusException(toStatusProto(e));
    }

    public static StatusRuntimeException toStatusRuntimeException(StoaException e) {
        return StatusProto.toStatusRuntimeException(toStatusProto(e));
    }

    /** The generic INTERNAL status answered for unexpected exceptions (which are logged, never sent). */
    public static StatusException internal() {
        return toStatusException(new StoaException(ErrorKind.INTERNAL, "internal_error", INTERNAL_MESSAGE));
    }

    public static com.google.rpc.Status toStatusProto(StoaException e) {
        String message = e.kind() == ErrorKind.INTERNAL || e.getMessage() == null ? INTERNAL_MESSAGE : e.getMessage();
        ErrorDetail.Builder detail = ErrorDetail.newBuilder().setCode(e.code()).setRetryable(e.retryable());
        for (FieldError field : e.fieldErrors()) {
            detail.addFieldViolations(
                    FieldViolation.newBuilder().setField(field.field()).setDescription(field.message()));
        }
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(e.code())
                .setDomain(DOMAIN)
                .putMetadata(KIND_METADATA, e.kind().name())
                .build();
        return com.google.rpc.Status.newBuilder()
                .setCode(statusCode(e.kind()).value())
                .setMessage(message)
                .addDetails(Any.pack(info))
                .addDetails(Any.pack(detail.build()))
                .build();
    }

    /** Rebuilds the exception a Stoa server raised, or a best-effort one for a bare status (deadline, transport). */
    public static StoaException toStoaException(StatusRuntimeException e) {
        return toStoaException(e.getStatus(), StatusProto.fromThrowable(e), e);
    }

    public static StoaException toStoaException(StatusException e) {
        return toStoaException(e.getStatus(), StatusProto.fromThrowable(e), e);
    }

    private static StoaException toStoaException(
            Status status, com.google.rpc.@Nullable Status proto, Throwable cause) {
        ErrorDetail detail = null;
        ErrorInfo info = null;
        if (proto != null) {
            for (Any any : proto.getDetailsList()) {
                try {
                    if (any.is(ErrorDetail.class)) {
                        detail = any.unpack(ErrorDetail.class);
                    } else if (any.is(ErrorInfo.class)) {
                        info = any.unpack(ErrorInfo.class);
                    }
                } catch (InvalidProtocolBufferException ignored) {
                    // A malformed detail is as good as none; the status code still says enough.
                }
            }
        }
        ErrorKind kind = kindOf(status.getCode(), info);
        String code = detail != null && !detail.getCode().isEmpty()
                ? detail.getCode()
                : info != null && DOMAIN.equals(info.getDomain()) ? info.getReason() : defaultCode(status.getCode());
        boolean retryable = detail != null ? detail.getRetryable() : defaultRetryable(status.getCode());
        List<FieldError> fields = detail == null
                ? List.of()
                : detail.getFieldViolationsList().stream()
                        .map(v -> new FieldError(v.getField(), v.getDescription()))
                        .toList();
        String message = status.getDescription() == null ? code : status.getDescription();
        return new StoaException(kind, code, message, retryable, fields, cause);
    }

    private static ErrorKind kindOf(Status.Code code, @Nullable ErrorInfo info) {
        if (info != null && DOMAIN.equals(info.getDomain())) {
            String kind = info.getMetadataOrDefault(KIND_METADATA, "");
            for (ErrorKind candidate : ErrorKind.values()) {
                if (candidate.name().equals(kind)) {
                    return candidate;
                }
            }
        }
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> ErrorKind.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> ErrorKind.UNAUTHENTICATED;
            case PERMISSION_DENIED -> ErrorKind.PERMISSION_DENIED;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case ALREADY_EXISTS, ABORTED -> ErrorKind.CONFLICT;
            case FAILED_PRECONDITION -> ErrorKind.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> ErrorKind.RATE_LIMITED;
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> ErrorKind.UNAVAILABLE;
            default -> ErrorKind.INTERNAL;
        };
    }

    private static String defaultCode(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> "invalid_argument";
            case UNAUTHENTICATED -> "unauthenticated";
            case PERMISSION_DENIED -> "permission_denied";
            case NOT_FOUND -> "not_found";
            case ALREADY_EXISTS, ABORTED -> "conflict";
            case FAILED_PRECONDITION -> "failed_precondition";
            case RESOURCE_EXHAUSTED -> "rate_limited";
            case UNAVAILABLE -> "unavailable";
            case DEADLINE_EXCEEDED -> "deadline_exceeded";
            case CANCELLED -> "cancelled";
            default -> "internal_error";
        };
    }

    private static boolean defaultRetryable(Status.Code code) {
        return code == Status.Code.UNAVAILABLE
                || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }
}
