package dev.stoa.grpc.error;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * The one gRPC error mapper: domain exceptions become their status with typed details, statuses a handler
 * raised on purpose pass through with their trailers, anything else is a generic INTERNAL (logged here, never
 * sent). Consulted after any other handler, so it always has an answer.
 */
public final class StoaGrpcExceptionHandler implements GrpcExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(StoaGrpcExceptionHandler.class);

    @Override
    public StatusException handleException(Throwable exception) {
        if (exception instanceof StoaException stoa) {
            if (stoa.kind() == ErrorKind.INTERNAL || stoa.kind() == ErrorKind.UNAVAILABLE) {
                log.error("gRPC call failed: {}", stoa.code(), stoa);
            }
            return GrpcErrors.toStatusException(stoa);
        }
        if (exception instanceof StatusRuntimeException status) {
            return new StatusException(status.getStatus(), status.getTrailers());
        }
        if (exception instanceof StatusException status) {
            return status;
        }
        log.error("gRPC call failed with an unexpected exception", exception);
        return GrpcErrors.internal();
    }
}
