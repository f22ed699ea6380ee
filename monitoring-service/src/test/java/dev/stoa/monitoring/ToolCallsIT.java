package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Tool calls published on stoa.toolcalls.v1 read back through the REST API: log, filters, stats, tenancy. */
@MonitoringServiceTest
class ToolCallsIT {
    @Autowired
    MeterRegistry meters;

    @Test
    void listsAnOrgsToolCallsNewestFirstWithFilters(TestHttp http) {
        // given two agents' calls in one org and a call in another org
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String agentA = Ids.generate("agt");
        String agentB = Ids.generate("agt");
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), agentA, "weather", "succeeded", 30)
                        .build());
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), agentA, "search", "failed", 40).build());
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), agentB, "weather", "timed_out", 50)
                        .build());
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                other.id(),
                SourceEvents.toolCall(other.id(), agentA, "weather", "succeeded", 60)
                        .build());

        // when a viewer lists them, then the org's three are there, newest first, and the other org's is not
        JsonNode all = awaitCalls(http, org.viewer(), "", 3);
        assertThat(all.path("data").get(0).path("tool_name").asString()).isEqualTo("weather");
        assertThat(all.path("data").get(0).path("status").asString()).isEqualTo("timed_out");
        assertThat(all.path("data").get(0).path("error_code").asString()).isEqualTo("tool_timed_out");
        assertThat(all.path("data").get(0).path("arguments_preview").asString()).isEqualTo("{city: string(5)}");
        assertThat(all.path("data").get(0).path("argument_bytes").asInt()).isEqualTo(42);
        assertThat(all.path("data").get(2).path("latency_ms").asLong()).isEqualTo(30);
        assertThat(all.path("data").get(0).has("org_id")).isFalse();
        assertThat(awaitCalls(http, other.member(), "", 1)
                        .path("data")
                        .get(0)
                        .path("latency_ms")
                        .asLong())
                .isEqualTo(60);

        // and the filters narrow it down
        assertThat(ids(http.get("/api/v1/monitoring/tool-calls?status=failed", org.viewer())))
                .hasSize(1);
        assertThat(ids(http.get("/api/v1/monitoring/tool-calls?tool=weather", org.viewer())))
                .hasSize(2);
        assertThat(ids(http.get("/api/v1/monitoring/tool-calls?agent_id=" + agentA, org.viewer())))
                .hasSize(2);
        assertThat(ids(http.get("/api/v1/monitoring/tool-calls?conversation_id=cnv_" + agentB, org.viewer())))
                .hasSize(1);
        String from = Instant.now().minusSeconds(3600).toString();
        assertThat(ids(http.get("/api/v1/monitoring/tool-calls?from=" + from, org.viewer())))
                .hasSize(3);
        assertThat(ids(http.get("/api/v1/monitoring/tool-calls?to=" + from, org.viewer())))
                .isEmpty();

        // and pages follow the cursor without repeating or skipping a call
        TestHttp.Response first = http.get("/api/v1/monitoring/tool-calls?limit=2", org.viewer());
        String cursor = first.json().path("next_cursor").asString();
        assertThat(cursor).isNotEmpty();
        TestHttp.Response second = http.get("/api/v1/monitoring/tool-calls?limit=2&cursor=" + cursor, org.viewer());
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
        List<String> paged = new ArrayList<>(ids(first));
        paged.addAll(ids(second));
        assertThat(paged).isEqualTo(ids(all));
    }

    @Test
    void statsCountErrorsAndLatencyPercentilesPerToolAndAgent(TestHttp http) {
        // given 20 calls of one agent with latencies 10..200 ms, every fourth failing, on two tools
        TestOrg org = TestOrg.create();
        String agent = Ids.generate("agt");
        for (int i = 1; i <= 20; i++) {
            String status = i % 4 == 0 ? "failed" : "succeeded";
            String tool = i <= 10 ? "fast" : "slow";
            SourceEvents.publish(
                    Topics.TOOL_CALLS,
                    org.id(),
                    SourceEvents.toolCall(org.id(), agent, tool, status, i * 10L)
                            .build());
        }
        awaitCalls(http, org.member(), "", 20);

        // when
        TestHttp.Response stats = http.get("/api/v1/monitoring/tool-calls/stats", org.viewer());

        // then percentile_cont interpolates: p50 of 10..200 is 105, p95 is 190.5
        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        JsonNode total = stats.json().path("total");
        assertThat(total.path("calls").asLong()).isEqualTo(20);
        assertThat(total.path("errors").asLong()).isEqualTo(5);
        assertThat(total.path("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(total.path("p50_latency_ms").asDouble()).isEqualTo(105.0);
        assertThat(total.path("p95_latency_ms").asDouble()).isEqualTo(190.5);
        JsonNode byTool = stats.json().path("by_tool");
        assertThat(byTool).hasSize(2);
        JsonNode fast = byTool.get(0).path("key").asString().equals("fast") ? byTool.get(0) : byTool.get(1);
        assertThat(fast.path("calls").asLong()).isEqualTo(10);
        assertThat(fast.path("errors").asLong()).isEqualTo(2);
        assertThat(fast.path("p50_latency_ms").asDouble()).isEqualTo(55.0);
        assertThat(stats.json().path("by_agent").get(0).path("key").asString()).isEqualTo(agent);
        assertThat(stats.json().path("by_agent").get(0).path("calls").asLong()).isEqualTo(20);

        // and a filter on the tool narrows the window's stats
        JsonNode slow = http.get("/api/v1/monitoring/tool-calls/stats?tool=slow", org.viewer())
                .json();
        assertThat(slow.path("total").path("calls").asLong()).isEqualTo(10);
        assertThat(slow.path("total").path("p95_latency_ms").asDouble()).isEqualTo(195.5);
    }

    @Test
    void aRedeliveredEventIsCountedOnce(TestHttp http) {
        // given the same event delivered three times (a relay that crashed before marking it published)
        TestOrg org = TestOrg.create();
        String agent = Ids.generate("agt");
        var call =
                SourceEvents.toolCall(org.id(), agent, "once", "succeeded", 7).build();
        String eventId = Ids.generate("evt");
        double duplicatesBefore = duplicates();
        for (int i = 0; i < 3; i++) {
            SourceEvents.publish(Topics.TOOL_CALLS, org.id(), eventId, call);
        }
        // and a later event of the same org (same partition: consumed after the copies)
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), agent, "later", "succeeded", 8).build());

        // then the log has the call once
        JsonNode calls = awaitCalls(http, org.member(), "", 2);
        assertThat(calls.path("data").findValuesAsString("tool_name")).containsExactlyInAnyOrder("once", "later");
        // and the two redeliveries are counted as duplicates
        assertThat(duplicates() - duplicatesBefore).isEqualTo(2.0);
    }

    private double duplicates() {
        Counter counter = meters.find("stoa.monitoring.events")
                .tag("topic", Topics.TOOL_CALLS)
                .tag("outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void refusesBadFiltersNamingTheParameter(TestHttp http) {
        String token = TestOrg.create().viewer();
        assertField(http.get("/api/v1/monitoring/tool-calls?status=exploded", token), "status");
        assertField(http.get("/api/v1/monitoring/tool-calls?from=yesterday", token), "from");
        assertField(http.get("/api/v1/monitoring/tool-calls?to=2026-13-01T00:00:00Z", token), "to");
        assertField(
                http.get("/api/v1/monitoring/tool-calls?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", token),
                "from");
        assertField(
                http.get("/api/v1/monitoring/tool-calls?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", token),
                "from");
        assertField(
                http.get(
                        "/api/v1/monitoring/tool-calls/stats?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", token),
                "from");
        assertField(http.get("/api/v1/monitoring/tool-calls?limit=0", token), "limit");
        assertField(http.get("/api/v1/monitoring/tool-calls?limit=101", token), "limit");
        assertField(http.get("/api/v1/monitoring/tool-calls?cursor=not-ours", token), "cursor");
        assertField(http.get("/api/v1/monitoring/tool-calls?agent_id=" + "a".repeat(129), token), "agent_id");
        assertField(http.get("/api/v1/monitoring/tool-calls?tool=", token), "tool");
    }

    @Test
    void onlyTheOrgsMembersAndScopedKeysRead(TestHttp http) {
        TestOrg org = TestOrg.create();
        assertThat(http.get("/api/v1/monitoring/tool-calls", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/monitoring/tool-calls", org.apiKey("agents:read"))
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/monitoring/tool-calls", org.apiKey("monitoring:read"))
                        .status())
                .isEqualTo(200);
        // SDK tokens are refused by the security layer outside the SDK socket
        assertThat(http.get("/api/v1/monitoring/tool-calls", org.sdk("sdk_1")).status())
                .isEqualTo(401);
    }

    static JsonNode awaitCalls(TestHttp http, String token, String query, int count) {
        return Reads.awaiting(
                http, "/api/v1/monitoring/tool-calls?limit=100" + query, token, page -> assertThat(page.path("data"))
                        .hasSize(count));
    }

    static List<String> ids(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("data").findValuesAsString("id");
    }

    static List<String> ids(JsonNode page) {
        return page.path("data").findValuesAsString("id");
    }

    static void assertField(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.field()).as(response.body()).isEqualTo(field);
    }
}
