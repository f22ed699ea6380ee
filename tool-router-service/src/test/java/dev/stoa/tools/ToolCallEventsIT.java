package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ToolCallEnded;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every finished call is published on stoa.toolcalls.v1 (through the outbox), with a preview, never the values. */
@ToolRouterServiceTest
class ToolCallEventsIT {
    private static final String SECRET = "hunter2-do-not-log";

    @LocalServerPort
    int port;

    @Test
    void aFinishedCallIsPublishedWithItsSizeAndARedactedPreviewButNotItsArguments(TestHttp http, ManagedChannel channel)
            throws Exception {
        // given an agent and a backend tool
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        String args = "{\"token\":\"" + SECRET + "\",\"count\":3}";
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_events"))) {
            sdk.register(
                    "store",
                    Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer"))),
                    Map.of());

            // when a call succeeds and another is refused for its arguments
            var done = SdkProtocolIT.invoke(stub, agentId, "ev_ok", "store", args);
            JsonNode call = sdk.next();
            sdk.send(Map.of(
                    "v", 1, "type", "result", "call_id", call.path("call_id").asString(), "result", "ok"));
            done.get(10, TimeUnit.SECONDS);
            SdkProtocolIT.invoke(stub, agentId, "ev_bad", "store", "{\"count\":\"three\"}")
                    .get(10, TimeUnit.SECONDS);
        }

        // then both are on the topic, keyed by the org, with the call's facts
        ConsumerRecord<String, byte[]> ok = awaitEvent(org.id(), "ev_ok");
        ToolCallEnded succeeded = ToolCallEnded.parseFrom(ok.value());
        assertThat(ok.key()).isEqualTo(org.id());
        assertThat(succeeded.getAgentId()).isEqualTo(agentId);
        assertThat(succeeded.getToolName()).isEqualTo("store");
        assertThat(succeeded.getToolId()).startsWith("tool_");
        assertThat(succeeded.getSource()).isEqualTo("sdk");
        assertThat(succeeded.getStatus()).isEqualTo("succeeded");
        assertThat(succeeded.getErrorCode()).isEmpty();
        assertThat(succeeded.getTurnId()).isNotBlank();
        assertThat(succeeded.getArgumentBytes()).isEqualTo(args.length());
        assertThat(succeeded.getArgumentsPreview())
                .isEqualTo("{token: string(" + SECRET.length() + "), count: number}");
        // the value itself is nowhere in the event
        assertThat(new String(ok.value(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);

        ToolCallEnded refused =
                ToolCallEnded.parseFrom(awaitEvent(org.id(), "ev_bad").value());
        assertThat(refused.getStatus()).isEqualTo("failed");
        assertThat(refused.getErrorCode()).isEqualTo("invalid_arguments");
    }

    /** The event of {@code callId} of the org, read from the topic's start (the embedded broker is shared). */
    static ConsumerRecord<String, byte[]> awaitEvent(String orgId, String callId) {
        return TopicReader.first(Topics.TOOL_CALLS, r -> parse(r).filter(
                        e -> e.getOrgId().equals(orgId) && e.getCallId().equals(callId))
                .isPresent());
    }

    private static Optional<ToolCallEnded> parse(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(ToolCallEnded.parseFrom(record.value()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
