#!/bin/sh
# The compose stack's Kafka security, run in the apache/kafka image as super user admin (SASL/PLAIN):
#   kafka-sasl.sh init         sets each service user's SCRAM-SHA-512 password and adds the ACL table's grants
#   kafka-sasl.sh healthcheck  exits 0 once the broker answers an authenticated client
# The grants come from the same table LocalKafka applies (paretune-kafka-acls.txt); both steps may run again.
# Passwords: PARETUNE_KAFKA_ADMIN_PASSWORD and PARETUNE_KAFKA_<USER>_PASSWORD for every user in the table.
set -eu
bin=${KAFKA_BIN:-/opt/kafka/bin}
bootstrap=${PARETUNE_KAFKA_BOOTSTRAP:-kafka:9092}
acls=${PARETUNE_KAFKA_ACLS:-/opt/paretune/paretune-kafka-acls.txt}

admin_config=$(mktemp)
trap 'rm -f "$admin_config"' EXIT
cat >"$admin_config" <<CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${PARETUNE_KAFKA_ADMIN_PASSWORD:?}";
CONFIG

case "${1:-}" in
  healthcheck)
    "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" >/dev/null
    exit 0 ;;
  init) ;;
  *) echo "usage: $0 init|healthcheck" >&2; exit 2 ;;
esac

grants=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$acls")
for user in $(echo "$grants" | awk '{ print $1 }' | sort -u); do
  variable=PARETUNE_KAFKA_$(echo "$user" | tr '[:lower:]' '[:upper:]')_PASSWORD
  password=$(printenv "$variable") || { echo "$variable is not set" >&2; exit 1; }
  echo "SCRAM-SHA-512 user $user"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" --alter \
    --entity-type users --entity-name "$user" --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" >/dev/null
done

echo "$grants" | while read -r user operations type names; do
  set --
  for operation in $(echo "$operations" | tr ',' ' '); do set -- "$@" --operation "$operation"; done
  for name in $names; do set -- "$@" "--$(echo "$type" | tr '[:upper:]' '[:lower:]')" "$name"; done
  echo "ACL $user $operations $type $names"
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" --add \
    --allow-principal "User:$user" "$@" >/dev/null
done
