package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.Topics;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An event that cannot be processed goes to the dead-letter topic, and the consumer goes on with the next. */
@MonitoringServiceTest
class PoisonEventIT {
    private static final String DLT = Topics.TOOL_CALLS + ".dlt";

    @Autowired
    MeterRegistry meters;

    @Test
    void aGarbageRecordIsDeadLetteredAndTheNextOneProcessed(TestHttp http) {
        // given a record that is no CloudEvent, then a readable event lacking its org, then a good event, one key
        TestOrg org = TestOrg.create();
        double before = count("dead_lettered");
        byte[] garbage = ("garbage " + org.id()).getBytes(StandardCharsets.UTF_8);
        SourceEvents.publishRaw(Topics.TOOL_CALLS, org.id(), garbage);
        String orgless = SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall("", Ids.generate("agt"), "weather", "succeeded", 1)
                        .build());
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), Ids.generate("agt"), "after-poison", "succeeded", 5)
                        .build());

        // then the good event is processed
        ToolCallsIT.awaitCalls(http, org.member(), "", 1);

        // and both bad records are on the dead-letter topic, unchanged, with the reason in the headers
        List<ConsumerRecord<String, byte[]>> dead = awaitDeadLetters(org.id(), 2);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(Topics.TOOL_CALLS);
        assertThat(header(dead.get(0), "kafka_dlt-exception-cause-fqcn"))
                .isEqualTo("dev.stoa.monitoring.domain.UnprocessableEventException");
        assertThat(header(dead.get(1), "ce_id")).isEqualTo(orgless);
        assertThat(count("dead_lettered") - before).isEqualTo(2.0);
        assertThat(count("processed")).isPositive();
    }

    private double count(String outcome) {
        Counter counter = meters.find("stoa.monitoring.events")
                .tag("topic", Topics.TOOL_CALLS)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, Ids.generate("test"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DLT));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }
}
