package dev.stoa.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Remembers what each call arrived with: its authorization header and its deadline. */
public final class RecordingInterceptor implements ServerInterceptor {
    /** One received call. */
    public record Received(
            String method,
            @Nullable String authorization,
            @Nullable Deadline deadline) {}

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    public final CopyOnWriteArrayList<Received> calls = new CopyOnWriteArrayList<>();

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        calls.add(new Received(
                call.getMethodDescriptor().getBareMethodName(),
                headers.get(AUTHORIZATION),
                Context.current().getDeadline()));
        return next.startCall(call, headers);
    }

    public Received last() {
        return calls.getLast();
    }
}
