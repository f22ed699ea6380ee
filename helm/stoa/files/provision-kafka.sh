#!/bin/sh
# Provisions Stoa's Kafka topics and SCRAM users, idempotently: run on every install and upgrade (Helm hook Job,
# compose one-shot service "provision-kafka"), against the in-cluster or an external cluster. Needs the Kafka CLI
# (apache/kafka image: /opt/kafka/bin).
#
# STOA_KAFKA_TOPICS: "<topic>:<partitions>:<replication factor, 0 = broker default>:<retention.ms>:<cleanup.policy>"
#   entries. Missing topics are created; existing ones get the retention and cleanup policy and, when more are
#   asked for, more partitions (Kafka cannot remove partitions).
# STOA_KAFKA_USERS: "<service>:<user>" entries; password from STOA_KAFKA_<SERVICE>_PASSWORD (upper-cased, '-' -> '_').
#   Each user's SCRAM credential is created or reset (rotation: change the Secret, upgrade, the services roll).
# Connection: KAFKA_BOOTSTRAP; with SASL: KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_ADMIN_USER,
# KAFKA_ADMIN_PASSWORD (a user allowed to alter configs and create topics).
set -eu

bin=${KAFKA_BIN:-/opt/kafka/bin}
: "${KAFKA_BOOTSTRAP:?set KAFKA_BOOTSTRAP}"
config=$(mktemp)
trap 'rm -f "${config}"' EXIT
chmod 600 "${config}"
if [ -n "${KAFKA_SECURITY_PROTOCOL:-}" ]; then
  mechanism=${KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}
  {
    echo "security.protocol=${KAFKA_SECURITY_PROTOCOL}"
    echo "sasl.mechanism=${mechanism}"
    echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"${KAFKA_ADMIN_USER:?}\" password=\"${KAFKA_ADMIN_PASSWORD:?}\";"
  } >"${config}"
fi
kafka() {
  tool=$1
  shift
  "${bin}/${tool}.sh" --bootstrap-server "${KAFKA_BOOTSTRAP}" --command-config "${config}" "$@"
}

attempt=0
until kafka kafka-topics --list >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "${attempt}" -ge "${STOA_PROVISION_ATTEMPTS:-60}" ]; then
    echo "Kafka at ${KAFKA_BOOTSTRAP} did not answer" >&2
    kafka kafka-topics --list
    exit 1
  fi
  sleep 2
done

for entry in ${STOA_KAFKA_USERS:-}; do
  service=${entry%%:*}
  user=${entry#*:}
  key=$(printf '%s' "${service}" | tr 'a-z-' 'A-Z_')
  password=$(printenv "STOA_KAFKA_${key}_PASSWORD" || true)
  if [ -z "${password}" ]; then
    echo "STOA_KAFKA_${key}_PASSWORD must be set" >&2
    exit 1
  fi
  echo "user ${user}"
  kafka kafka-configs --alter --entity-type users --entity-name "${user}" \
    --add-config "${KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}=[iterations=8192,password=${password}]" >/dev/null
done

for entry in ${STOA_KAFKA_TOPICS:-}; do
  IFS=: read -r topic partitions replication retention cleanup <<ENTRY
${entry}
ENTRY
  settings="retention.ms=${retention},cleanup.policy=${cleanup}"
  current=$(kafka kafka-topics --describe --topic "${topic}" 2>/dev/null | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -n 1)
  if [ -z "${current}" ]; then
    echo "topic ${topic}: creating, ${partitions} partitions, ${settings}"
    set -- --create --if-not-exists --topic "${topic}" --partitions "${partitions}" \
      --config "retention.ms=${retention}" --config "cleanup.policy=${cleanup}"
    if [ "${replication}" != "0" ]; then
      set -- "$@" --replication-factor "${replication}"
    fi
    kafka kafka-topics "$@"
  else
    echo "topic ${topic}: exists with ${current} partitions, setting ${settings}"
    kafka kafka-configs --alter --entity-type topics --entity-name "${topic}" --add-config "${settings}" >/dev/null
    if [ "${current}" -lt "${partitions}" ]; then
      kafka kafka-topics --alter --topic "${topic}" --partitions "${partitions}"
    fi
  fi
done
echo "kafka provisioned"
