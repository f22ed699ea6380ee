package dev.stoa.workflow;

import static dev.stoa.workflow.Flows.awaitStatus;
import static dev.stoa.workflow.Flows.execute;
import static dev.stoa.workflow.Flows.ok;
import static dev.stoa.workflow.Flows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ApprovalRequested;
import dev.stoa.proto.events.v1.WorkflowRunChanged;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Transitions reach stoa.workflows.v1 and a waiting human-input step stoa.approvals.v1, through the outbox. */
@WorkflowServiceTest
class EventsIT {

    @Test
    void transitionsAndInputRequestsArePublished(TestHttp http) {
        TestOrg org = TestOrg.create();
        String token = org.member();
        String wf = workflow(
                http,
                token,
                List.of(
                        Map.of("id", "fetch", "type", "tool", "tool", "events-tool"),
                        Map.of(
                                "id", "approve",
                                "type", "human_input",
                                "needs", List.of("fetch"),
                                "prompt", "Ship it?",
                                "form", Map.of("type", "object"))));
        String run = execute(http, token, wf, Map.of());
        awaitStatus(http, token, run, "waiting");
        ok(http.post(
                "/api/v1/workflows/" + wf + "/human-input",
                token,
                Map.of("run_id", run, "step_id", "approve", "input", Map.of("ok", true))));
        awaitStatus(http, token, run, "completed");

        List<String> types = new ArrayList<>();
        List<ApprovalRequested> approvals = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of("stoa.workflows.v1", Topics.APPROVALS));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!org.id().equals(record.key())) {
                        continue;
                    }
                    ReceivedEvent event = ReceivedEvent.from(record);
                    if (record.topic().equals(Topics.APPROVALS)) {
                        approvals.add(event.payload(ApprovalRequested.parser()));
                    } else {
                        WorkflowRunChanged changed = event.payload(WorkflowRunChanged.parser());
                        assertThat(changed.getRunId()).isEqualTo(run);
                        types.add(event.type());
                    }
                }
                assertThat(types).contains("dev.stoa.workflow.run.completed");
            });
        }
        assertThat(types)
                .containsSubsequence(
                        "dev.stoa.workflow.run.started",
                        "dev.stoa.workflow.step.completed",
                        "dev.stoa.workflow.step.waiting",
                        "dev.stoa.workflow.run.waiting",
                        "dev.stoa.workflow.step.completed",
                        "dev.stoa.workflow.run.completed");
        assertThat(approvals).hasSize(1);
        assertThat(approvals.getFirst().getKind()).isEqualTo("workflow_input");
        assertThat(approvals.getFirst().getApprovalId()).isEqualTo(run + ":approve");
        assertThat(approvals.getFirst().getArgumentsPreview()).isEqualTo("Ship it?");
        assertThat(approvals.getFirst().hasExpiresAt()).isTrue();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "workflow-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
