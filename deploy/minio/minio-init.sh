#!/bin/sh
# Sets up the artifact bucket and the services' users in MinIO, as the Kafka users and ACLs are set up: each service
# may do only its part. Workers write and read models and checkpoints; the evaluator and the controller only read.
# Idempotent, so docker-compose runs it on every `up`. Runs in the MinIO image, which carries mc.
#
# Environment: MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, PARETUNE_S3_BUCKET, and PARETUNE_S3_<SERVICE>_SECRET for
# SERVICE in CONTROLLER, WORKER, EVALUATOR (the access keys are the services' names in lower case).
set -eu

here=$(dirname "$0")
: "${PARETUNE_S3_BUCKET:=paretune}"

mc alias set paretune http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

mc mb --ignore-existing "paretune/$PARETUNE_S3_BUCKET"
for access in read write; do
  sed "s/@BUCKET@/$PARETUNE_S3_BUCKET/g" "$here/paretune-artifacts-$access.json" >"/tmp/paretune-artifacts-$access.json"
  mc admin policy create paretune "paretune-artifacts-$access" "/tmp/paretune-artifacts-$access.json"
done

# A policy already attached is an error to mc; that one error means the state is already right.
attach() {
  out=$(mc admin policy attach paretune "$1" --user "$2" 2>&1) && return 0
  case "$out" in
    *"already"*) return 0 ;;
    *) echo "$out" >&2; return 1 ;;
  esac
}

for service in controller worker evaluator; do
  secret_var="PARETUNE_S3_$(echo "$service" | tr a-z A-Z)_SECRET"
  eval "secret=\${$secret_var:?set $secret_var}"
  mc admin user add paretune "$service" "$secret" >/dev/null
done
attach paretune-artifacts-read controller
attach paretune-artifacts-read evaluator
attach paretune-artifacts-write worker
echo "bucket $PARETUNE_S3_BUCKET: worker writes, controller and evaluator read"
