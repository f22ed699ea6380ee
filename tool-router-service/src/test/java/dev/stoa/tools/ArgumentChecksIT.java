package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The router checks a call's arguments against the tool's registered schema before the backend sees the call. */
@ToolRouterServiceTest
class ArgumentChecksIT {
    static final Map<String, Object> BOOKING_SCHEMA = Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                    "city", Map.of("type", "string"),
                    "nights", Map.of("type", "integer", "minimum", 1),
                    "guests",
                            Map.of(
                                    "type",
                                    "array",
                                    "items",
                                    Map.of(
                                            "type",
                                            "object",
                                            "properties",
                                            Map.of("name", Map.of("type", "string")),
                                            "required",
                                            List.of("name")))),
            "required",
            List.of("city"));

    @LocalServerPort
    int port;

    @Test
    void invalidArgumentsFinishTheCallWithInvalidArgumentsNamingThePointerAndNeverReachTheSdk(
            TestHttp http, ManagedChannel channel) throws Exception {
        // given an agent and a backend whose tool requires a city, a positive number of nights and named guests
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_hotel"))) {
            assertThat(sdk.register("book", BOOKING_SCHEMA, Map.of())
                            .path("status")
                            .asString())
                    .isEqualTo("accepted");

            // when the model calls it with a missing property, a wrong type, a value below the minimum, a bad item
            assertInvalid(stub, agentId, "{\"nights\":2}", "/city");
            assertInvalid(stub, agentId, "{\"city\":7}", "/city");
            assertInvalid(stub, agentId, "{\"city\":\"Oslo\",\"nights\":0}", "/nights");
            assertInvalid(stub, agentId, "{\"city\":\"Oslo\",\"guests\":[{\"name\":\"A\"},{}]}", "/guests/1/name");

            // then none of those calls reached the backend
            assertThat(sdk.frames).isEmpty();

            // and a valid call goes through
            var valid = SdkProtocolIT.invoke(stub, agentId, "c_ok", "book", "{\"city\":\"Oslo\",\"nights\":2}");
            JsonNode call = sdk.next();
            assertThat(call.path("arguments").path("city").asString()).isEqualTo("Oslo");
            sdk.send(Map.of(
                    "v", 1, "type", "result", "call_id", call.path("call_id").asString(), "result", "booked"));
            assertThat(valid.get(10, TimeUnit.SECONDS).getLast().getFinished().getStatus())
                    .isEqualTo("succeeded");
        }
    }

    private static void assertInvalid(
            ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub, String agentId, String args, String pointer)
            throws Exception {
        List<ToolCallUpdate> updates =
                SdkProtocolIT.invoke(stub, agentId, "c_bad", "book", args).get(10, TimeUnit.SECONDS);
        assertThat(updates).as(args).singleElement().satisfies(u -> {
            assertThat(u.getFinished().getStatus()).isEqualTo("failed");
            assertThat(u.getFinished().getError().getCode()).isEqualTo("invalid_arguments");
            assertThat(u.getFinished().getError().getRetryable()).isFalse();
            assertThat(u.getFinished().getError().getMessage()).as(args).contains("at " + pointer + ":");
        });
    }
}
