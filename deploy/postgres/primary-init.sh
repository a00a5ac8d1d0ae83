#!/usr/bin/env bash
# Runs once, when the primary's data directory is first initialised (the official image runs
# /docker-entrypoint-initdb.d/*.sh against its temporary, socket-only server): the role streaming
# replicas connect as, and the pg_hba.conf line that lets it in over the network with a password.
# The image executes this file when it is executable and sources it otherwise: no `set -u`, which
# would leak into its own entrypoint when sourced (that one already runs with -e and pipefail).
set -eo pipefail

: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD for the replication role}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$REPLICATION_PASSWORD" <<'EOSQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
EOSQL

# "all" in the database column does not cover replication connections: they need their own line.
echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
