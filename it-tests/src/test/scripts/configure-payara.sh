#!/usr/bin/env bash
# Points a freshly created Payara domain's default data source (jdbc/__default) at the suite's database:
#   h2          nothing to change: Payara's H2Pool is already an H2 file with AUTO_SERVER=TRUE that the tests can
#               open too;
#   either      single sign-on between webapps (sso-enabled on the virtual server);
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

config="$domain/config/domain.xml"
# Single sign-on between the webapps of the virtual server (README.md's Payara step 4). Roles need nothing: Payara 6
# maps them to groups of the same name by default (activate-default-principal-to-role-mapping). The users are
# added once the domain runs (ServerUsers.java, asadmin create-file-user).
python3 - "$config" <<'PY'
import re
import sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
server = re.search(r'<virtual-server\b[^>]*\bid="server"', text)
if not server:
    sys.exit("FATAL: " + path + " has no virtual server 'server'; Payara's default domain changed")
text = text[:server.end()] + ' sso-enabled="true"' + text[server.end():]
open(path, "w", encoding="utf-8").write(text)
PY
[[ "$kind" == "postgresql" ]] || exit 0

mkdir -p "$domain/lib"
cp "$driver_jar" "$domain/lib/postgresql.jar"
python3 - "$config" "$host" "$port" "$database" "$user" <<'PY'
import re
import sys

path, host, port, database, user = sys.argv[1:6]
text = open(path, encoding="utf-8").read()
default = re.compile(r'<jdbc-resource\b[^>]*\bjndi-name="jdbc/__default"[^>]*?/?>(</jdbc-resource>)?')
found = default.search(text)
if not found or 'pool-name="H2Pool"' not in found.group(0):
    sys.exit("FATAL: " + path + " does not bind jdbc/__default to H2Pool; Payara's default domain changed")
pool = ('<jdbc-connection-pool name="TollgatePool" datasource-classname="org.postgresql.ds.PGSimpleDataSource"'
        ' res-type="javax.sql.DataSource">'
        f'<property name="serverName" value="{host}"/><property name="portNumber" value="{port}"/>'
        f'<property name="databaseName" value="{database}"/><property name="user" value="{user}"/>'
        # Payara refuses a pool with a user but no password property, even under trust authentication
        '<property name="password" value=""/>'
        '</jdbc-connection-pool>')
moved = found.group(0).replace('pool-name="H2Pool"', 'pool-name="TollgatePool"')
text = text[:found.start()] + moved + pool + text[found.end():]
open(path, "w", encoding="utf-8").write(text)
PY
echo "Payara's jdbc/__default now uses PostgreSQL database $database"
