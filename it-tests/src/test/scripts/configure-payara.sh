#!/usr/bin/env bash
# Points a freshly created Payara domain's default data source (jdbc/__default) at the suite's database:
#   h2          nothing to change: Payara's H2Pool is already an H2 file with AUTO_SERVER=TRUE that the tests can
#               open too;
#   postgresql  a fresh database, the PostgreSQL driver in the domain's lib/, a TollgatePool connection pool, and
#               jdbc/__default moved onto it. The domain is not running here, so this edits domain.xml directly;
#               README.md gives the asadmin commands that make the same change on a running server.
# Usage: configure-payara.sh <domain-dir> <h2|postgresql> <database> <postgresql-driver.jar> [host] [port] [user]
set -euo pipefail

domain="$1"
kind="$2"
database="$3"
driver_jar="$4"
host="${5:-127.0.0.1}"
port="${6:-5432}"
user="${7:-postgres}"
scripts="$(cd "$(dirname "$0")" && pwd)"

"$scripts/prepare-database.sh" "$kind" "$database" "$host" "$port" "$user"
[[ "$kind" == "postgresql" ]] || exit 0

config="$domain/config/domain.xml"
default_resource='<jdbc-resource pool-name="H2Pool" object-type="system-all" jndi-name="jdbc/__default"></jdbc-resource>'
if ! grep -qF "$default_resource" "$config"; then
    echo "FATAL: $config does not bind jdbc/__default to H2Pool as expected; Payara's default domain changed" >&2
    exit 1
fi
mkdir -p "$domain/lib"
cp "$driver_jar" "$domain/lib/postgresql.jar"
pool="<jdbc-connection-pool datasource-classname=\"org.postgresql.ds.PGSimpleDataSource\" name=\"TollgatePool\" res-type=\"javax.sql.DataSource\"><property name=\"serverName\" value=\"$host\"></property><property name=\"portNumber\" value=\"$port\"></property><property name=\"databaseName\" value=\"$database\"></property><property name=\"user\" value=\"$user\"></property></jdbc-connection-pool>"
moved="<jdbc-resource pool-name=\"TollgatePool\" object-type=\"system-all\" jndi-name=\"jdbc/__default\"></jdbc-resource>"
python3 - "$config" "$default_resource" "$moved$pool" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))
PY
echo "Payara's jdbc/__default now uses PostgreSQL database $database"
