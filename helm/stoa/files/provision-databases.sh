#!/bin/sh
# Provisions one PostgreSQL database per Stoa service, idempotently: run on every install and upgrade (Helm hook Job,
# compose one-shot service "provision-databases"); works against an in-cluster or an external (managed) PostgreSQL.
#
# For each "<service>:<database>:<owner role>:<app role>" in STOA_DATABASES:
#   - login role <owner> (runs the migrations, owns every table) and login role <app> (runs the service): created, or
#     their passwords reset to the given ones (so rotating a password is: change it in the Secret, upgrade);
#   - database <database> owned by <owner>; PUBLIC may not connect or create; <app> may connect and use the schema.
# The app role owns nothing and has NOBYPASSRLS: row-level security applies to it. Table privileges come from each
# service's Liquibase changelog (${app_role}).
# Passwords: STOA_DB_<SERVICE>_OWNER_PASSWORD / STOA_DB_<SERVICE>_APP_PASSWORD (service upper-cased, '-' -> '_').
# Connection: libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (the admin database), PGSSLMODE, PGSSLROOTCERT.
set -eu

: "${STOA_DATABASES:?set STOA_DATABASES, e.g. identity-service:stoa_identity:stoa_identity_owner:stoa_identity_app}"

attempt=0
until psql -v ON_ERROR_STOP=1 -qAtc 'SELECT 1' >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "${attempt}" -ge "${STOA_PROVISION_ATTEMPTS:-60}" ]; then
    echo "PostgreSQL at ${PGHOST:-?}:${PGPORT:-5432} did not answer" >&2
    psql -v ON_ERROR_STOP=1 -qAtc 'SELECT 1'
    exit 1
  fi
  sleep 2
done

for entry in ${STOA_DATABASES}; do
  IFS=: read -r service db owner app <<ENTRY
${entry}
ENTRY
  for name in "${db}" "${owner}" "${app}"; do
    if ! printf '%s' "${name}" | grep -Eq '^[a-z_][a-z0-9_]{0,62}$'; then
      echo "invalid name '${name}' in '${entry}'" >&2
      exit 1
    fi
  done
  key=$(printf '%s' "${service}" | tr 'a-z-' 'A-Z_')
  owner_password=$(printenv "STOA_DB_${key}_OWNER_PASSWORD" || true)
  app_password=$(printenv "STOA_DB_${key}_APP_PASSWORD" || true)
  if [ -z "${owner_password}" ] || [ -z "${app_password}" ]; then
    echo "STOA_DB_${key}_OWNER_PASSWORD and STOA_DB_${key}_APP_PASSWORD must be set" >&2
    exit 1
  fi
  echo "database ${db}: owner ${owner}, app ${app}"
  # psql variables (:'x' a literal, :"x" an identifier) keep passwords out of the SQL text and the process list.
  psql -v ON_ERROR_STOP=1 -q -v db="${db}" -v owner="${owner}" -v app="${app}" \
    -v owner_password="${owner_password}" -v app_password="${app_password}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
ALTER ROLE :"app" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
-- A managed database's admin is no superuser: it must be a member of the owner role to give it a database.
SELECT format('GRANT %I TO CURRENT_USER', :'owner')
  WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = CURRENT_USER) AND NOT pg_has_role(CURRENT_USER, :'owner', 'MEMBER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
\connect :"db"
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
SQL
done
echo "databases provisioned"
