package dev.stoa.memory;

import static dev.stoa.memory.Extractor.add;
import static dev.stoa.memory.Extractor.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.memory.domain.Forgetting;
import dev.stoa.test.MutableClock;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Facts older than their agent's retention go (with their index entries); agents without one keep theirs. */
@MemoryServiceTest
class RetentionIT {
    @Autowired
    Forgetting forgetting;

    @Test
    void factsPastTheAgentsRetentionArePurgedOthersStay(TestHttp http, MutableClock clock, FakeProvider fake) {
        TestOrg org = TestOrg.create();
        String kept = Ids.generate("agt");
        String expiring = Ids.generate("agt");
        FakeAgentRuntime.agent(org.id(), kept);
        FakeAgentRuntime.agent(org.id(), expiring);
        Extractor.on(fake, (m, existing) -> facts(add("user", "likes", "tea", "The user likes tea.", "preference")));
        String user = Ids.generate("usr");
        Events.publishTurn(Events.turn(org.id(), kept, "cnv_a", user, "I like tea."));
        Events.publishTurn(Events.turn(org.id(), expiring, "cnv_b", user, "I like tea."));
        String keptPath = "/api/v1/agents/" + kept + "/memory/" + user;
        String expiringPath = "/api/v1/agents/" + expiring + "/memory/" + user;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(currentFacts(http, keptPath, org)).isEqualTo(1);
            assertThat(currentFacts(http, expiringPath, org)).isEqualTo(1);
        });
        TestHttp.Response patched =
                http.patch("/api/v1/agents/" + expiring + "/memory-config", org.member(), Map.of("retention_days", 1));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        // a day later nothing has expired yet; two days later the expiring agent's fact goes
        clock.advance(Duration.ofHours(23));
        assertThat(forgetting.purgeExpired(100)).isZero();
        clock.advance(Duration.ofHours(25));
        assertThat(forgetting.purgeExpired(100)).isEqualTo(1);

        assertThat(currentFacts(http, expiringPath, org)).isZero();
        assertThat(currentFacts(http, keptPath, org)).isEqualTo(1);
    }

    private static long currentFacts(TestHttp http, String userPath, TestOrg org) {
        TestHttp.Response view = http.get(userPath, org.admin());
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        return view.json().path("current_facts").asLong();
    }
}
