#!/bin/sh
# Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d), as its superuser: creates
# the role the controller connects as, with no superuser, CREATEDB or CREATEROLE right, and the database it owns
# (so it may create its tables there and nowhere else). The password goes through a psql variable, quoted by psql.
set -eu
: "${PARETUNE_DB_NAME:?}" "${PARETUNE_DB_USER:?}" "${PARETUNE_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
     -v role="$PARETUNE_DB_USER" -v password="$PARETUNE_DB_PASSWORD" -v db="$PARETUNE_DB_NAME" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
