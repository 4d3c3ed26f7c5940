#!/usr/bin/env bash
# Gives a freshly created Payara domain the suite's database:
#   h2          nothing to change: the default data source (jdbc/__default on H2Pool) is already an H2 file with
#               AUTO_SERVER=TRUE that the tests can open too; no setting names it;
#   either      single sign-on between webapps (sso-enabled on the virtual server);
#   postgresql  a fresh database, the PostgreSQL driver in the domain's lib/, a TollgatePool connection pool with
#               the resource jdbc/tollgate beside the default (which stays on H2Pool), and PAYMENTS_DATASOURCE
#               naming it as a system property of the server. The domain is not running here, so this edits
#               domain.xml directly; README.md gives the asadmin commands that make the same change on a running
#               server.
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
# The edits of domain.xml run on the JDK the build uses (the pom passes JAVA_HOME), nothing else.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

"$scripts/prepare-database.sh" "$kind" "$database" "$host" "$port" "$user"

config="$domain/config/domain.xml"
# Single sign-on between the webapps of the virtual server (README.md's Payara step 4). Roles need nothing: Payara 6
# maps them to groups of the same name by default (activate-default-principal-to-role-mapping). The users are
# added once the domain runs (ServerUsers.java, asadmin create-file-user).
"$java" "$scripts/PayaraDomainXml.java" sso "$config"
[[ "$kind" == "postgresql" ]] || exit 0

mkdir -p "$domain/lib"
cp "$driver_jar" "$domain/lib/postgresql.jar"
"$java" "$scripts/PayaraDomainXml.java" postgresql "$config" "$host" "$port" "$database" "$user"
echo "Payara's jdbc/tollgate uses PostgreSQL database $database, named by PAYMENTS_DATASOURCE"
