package dev.stoa.grpc.error;

import static dev.stoa.grpc.TestTokens.ISSUER;
import static dev.stoa.grpc.TestTokens.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.grpc.GrpcTestServer;
import dev.stoa.grpc.TestIdentityService;
import dev.stoa.grpc.TestTokens;
import dev.stoa.proto.common.v1.ErrorDetail;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
    private final GrpcTestServer server = new GrpcTestServer(new TestIdentityService(), TestTokens.authentication());

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void sendsDomainExceptionAsStatusWithTypedDetails() throws Exception {
        StatusRuntimeException e = call("missing");

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        List<Any> details = StatusProto.fromThrowable(e).getDetailsList();
        ErrorInfo info = details.stream()
                .filter(d -> d.is(ErrorInfo.class))
                .findFirst()
                .orElseThrow()
                .unpack(ErrorInfo.class);
        ErrorDetail detail = details.stream()
                .filter(d -> d.is(ErrorDetail.class))
                .findFirst()
                .orElseThrow()
                .unpack(ErrorDetail.class);
        assertThat(info.getReason()).isEqualTo("not_found");
        assertThat(info.getDomain()).isEqualTo("stoa.dev");
        assertThat(detail.getCode()).isEqualTo("not_found");
        assertThat(detail.getRetryable()).isFalse();
    }

    @Test
    void clientRebuildsTheServersException() {
        StoaException rebuilt = GrpcErrors.toStoaException(call("missing"));

        assertThat(rebuilt.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(rebuilt.code()).isEqualTo("not_found");
        assertThat(rebuilt.getMessage()).isEqualTo("org missing not found");
        assertThat(rebuilt.retryable()).isFalse();
    }

    @Test
    void carriesFieldViolations() {
        StatusRuntimeException e = call("invalid");
        StoaException rebuilt = GrpcErrors.toStoaException(e);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(rebuilt.code()).isEqualTo("validation_failed");
        assertThat(rebuilt.fieldErrors())
                .containsExactly(new FieldError("org_id", "is malformed"), new FieldError("name", "is too long"));
    }

    @Test
    void answersUnexpectedExceptionWithGenericInternal() {
        StatusRuntimeException e = call("boom");

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription()).isEqualTo("internal error");
        assertThat(e.toString()).doesNotContain("hunter2");
        assertThat(StatusProto.fromThrowable(e).toString()).doesNotContain("hunter2", "IllegalStateException");
        assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo("internal_error");
    }

    @Test
    void roundTripsEveryKind() {
        for (ErrorKind kind : ErrorKind.values()) {
            StoaException sent = new StoaException(
                    kind, "some_code", "what happened", true, List.of(new FieldError("f", "m")), null);

            StatusRuntimeException wire = GrpcErrors.toStatusRuntimeException(sent);
            StoaException received = GrpcErrors.toStoaException(wire);

            assertThat(wire.getStatus().getCode()).isEqualTo(GrpcErrors.statusCode(kind));
            assertThat(received.kind()).isEqualTo(kind);
            assertThat(received.code()).isEqualTo("some_code");
            assertThat(received.retryable()).isTrue();
            assertThat(received.fieldErrors()).containsExactly(new FieldError("f", "m"));
            assertThat(received.getMessage())
                    .isEqualTo(kind == ErrorKind.INTERNAL ? "internal error" : "what happened");
        }
    }

    @Test
    void mapsConflictToAborted() {
        assertThat(GrpcErrors.statusCode(ErrorKind.CONFLICT)).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void rebuildsBareTransportStatus() {
        StoaException deadline = GrpcErrors.toStoaException(Status.DEADLINE_EXCEEDED.asRuntimeException());

        assertThat(deadline.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(deadline.code()).isEqualTo("deadline_exceeded");
        assertThat(deadline.retryable()).isTrue();
    }

    private StatusRuntimeException call(String orgId) {
        var stub = IdentityServiceGrpc.newBlockingStub(server.channel(TestTokens.bearer(ISSUER.issue(USER))));
        return catchThrowableOfType(
                StatusRuntimeException.class,
                () -> stub.getOrg(GetOrgRequest.newBuilder().setOrgId(orgId).build()));
    }
}
