#!/bin/bash
# Starts the single-node Kafka of docker-compose.yml (KRaft, broker + controller) with SASL/SCRAM: clients and the
# broker itself authenticate on SASL_PLAINTEXT :9092; the controller listens on loopback only. The admin user's SCRAM
# credential is written when the storage is formatted (first start); the services' users are created by the one-shot
# service "provision-kafka" (helm/stoa/files/provision-kafka.sh) with that admin.
set -euo pipefail

: "${KAFKA_ADMIN_USER:?}" "${KAFKA_ADMIN_PASSWORD:?}" "${CLUSTER_ID:?}"
config=/tmp/server.properties
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"${KAFKA_ADMIN_USER}\" password=\"${KAFKA_ADMIN_PASSWORD}\";"
cat >"${config}" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${jaas}
log.dirs=/var/lib/kafka/data
# Topics come from provision-kafka with their partitions and retention; nothing is created by accident.
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
# The health check's client settings.
cat >/tmp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=${jaas}
PROPERTIES
chmod 600 "${config}" /tmp/admin.properties
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "${CLUSTER_ID}" --config "${config}" \
  --add-scram "SCRAM-SHA-512=[name=${KAFKA_ADMIN_USER},password=${KAFKA_ADMIN_PASSWORD}]"
exec /opt/kafka/bin/kafka-server-start.sh "${config}"
