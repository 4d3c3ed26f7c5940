#!/usr/bin/env bash
# Gives one container suite a database of its own: for "postgresql", drops and re-creates the named database on the
# machine's PostgreSQL so every run starts from an empty schema (Flyway then migrates it); for "h2" there is
# nothing to do, the server's or the WAR's own H2 file lives in the freshly unpacked server folder.
# Usage: prepare-database.sh <h2|postgresql> <database> [host] [port] [user]
set -euo pipefail

kind="$1"
database="$2"
host="${3:-127.0.0.1}"
port="${4:-5432}"
user="${5:-postgres}"

case "$kind" in
    h2)
        exit 0
        ;;
    postgresql)
        if ! pg_isready -q -h "$host" -p "$port"; then
            echo "FATAL: it.database=postgresql but PostgreSQL does not answer on $host:$port" \
                "(start it: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)" >&2
            exit 1
        fi
        psql -v ON_ERROR_STOP=1 -q -h "$host" -p "$port" -U "$user" -d postgres \
            -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" \
            -c "CREATE DATABASE \"$database\""
        echo "Fresh PostgreSQL database $database on $host:$port"
        ;;
    *)
        echo "FATAL: it.database must be h2 or postgresql, not '$kind'" >&2
        exit 1
        ;;
esac
