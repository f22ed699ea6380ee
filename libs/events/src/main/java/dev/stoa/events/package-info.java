/**
 * Events between services: CloudEvents 1.0 in Kafka binary mode with protobuf payloads, written through a
 * transactional outbox ({@link dev.stoa.events.Outbox}, relayed by {@link dev.stoa.events.OutboxRelay}) and
 * deduplicated by consumers in the transaction of their effect ({@link dev.stoa.events.ProcessedEvents}).
 */
@NullMarked
package dev.stoa.events;

import org.jspecify.annotations.NullMarked;
