#!/bin/bash
# Runs once, on an empty data directory (mounted into /docker-entrypoint-initdb.d/ by docker-compose.yml).
# For each service in STOA_DATABASES creates database stoa_<service>, owned by login role stoa_<service>_owner (runs
# Liquibase, owns every table) and login role stoa_<service>_app (runs the service). The app role owns nothing and
# cannot bypass row-level security: RLS policies do not apply to a table's owner, so the app role must never be it.
# Passwords come from STOA_DB_<SERVICE>_OWNER_PASSWORD / STOA_DB_<SERVICE>_APP_PASSWORD (see deploy/compose.env.example).
set -euo pipefail

for service in ${STOA_DATABASES:?set STOA_DATABASES, e.g. "identity agent"}; do
  if [[ ! "${service}" =~ ^[a-z][a-z0-9_]*$ ]]; then
    echo "invalid service name '${service}'" >&2
    exit 1
  fi
  upper="${service^^}"
  owner_var="STOA_DB_${upper}_OWNER_PASSWORD"
  app_var="STOA_DB_${upper}_APP_PASSWORD"
  owner_password="${!owner_var:?${owner_var} is not set}"
  app_password="${!app_var:?${app_var} is not set}"
  db="stoa_${service}"
  echo "creating database ${db} with roles ${db}_owner and ${db}_app"
  # psql variables (:'x' quotes a literal, :"x" an identifier) keep passwords out of the SQL text.
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres \
    -v db="${db}" -v owner="${db}_owner" -v app="${db}_app" \
    -v owner_password="${owner_password}" -v app_password="${app_password}" <<'SQL'
CREATE ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
CREATE ROLE :"app" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
\connect :"db"
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
-- Table and sequence privileges come from each service's Liquibase changelog (${app_role}).
GRANT USAGE ON SCHEMA public TO :"app";
SQL
done
