#!/usr/bin/env bash
# Gives a freshly unpacked WildFly the suite's database, offline with jboss-cli's embedded server:
#   h2          the default data source (java:comp/DefaultDataSource, ExampleDS) becomes an H2 file with
#               AUTO_SERVER=TRUE (instead of in-memory), so the tests can open the very database the deployed WAR
#               writes to; no setting names it;
#   postgresql  a fresh database, the PostgreSQL driver as a module, a TollgateDS data source beside the default
#               (which stays ExampleDS), and PAYMENTS_DATASOURCE naming it as a system property of the server (the
#               steps README.md's Deployment section gives): the WAR and the gate both read that setting;
# and, either way, moves the transaction manager's two sockets (fixed 4712/4713 in standalone.xml, no system
# property) to the given free ports, and adds the scenario suite's users to the ApplicationRealm. The other ports
# are system properties of the server (arquillian.xml).
# Usage: configure-wildfly.sh <wildfly-home> <h2|postgresql> <database> <postgresql-driver.jar> [host] [port] [user]
#                             [txn-recovery-port] [txn-status-port]
set -euo pipefail

home="$1"
kind="$2"
database="$3"
driver_jar="$4"
host="${5:-127.0.0.1}"
port="${6:-5432}"
user="${7:-postgres}"
txn_recovery_port="${8:-4712}"
txn_status_port="${9:-4713}"
scripts="$(cd "$(dirname "$0")" && pwd)"

"$scripts/prepare-database.sh" "$kind" "$database" "$host" "$port" "$user"

commands="$(mktemp)"
trap 'rm -f "$commands"' EXIT
echo "embed-server --std-out=discard --server-config=standalone.xml" >"$commands"
case "$kind" in
    h2)
        cat >>"$commands" <<CLI
/subsystem=datasources/data-source=ExampleDS:write-attribute(name=connection-url,value="jdbc:h2:file:$home/standalone/data/tollgate;AUTO_SERVER=TRUE")
CLI
        ;;
    postgresql)
        module="$home/modules/org/postgresql/main"
        mkdir -p "$module"
        cp "$driver_jar" "$module/postgresql.jar"
        cat >"$module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
    <resources>
        <resource-root path="postgresql.jar"/>
    </resources>
    <dependencies>
        <module name="java.sql"/>
        <module name="java.naming"/>
        <module name="java.management"/>
        <module name="java.security.jgss"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML
        cat >>"$commands" <<CLI
/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql,driver-module-name=org.postgresql,driver-class-name=org.postgresql.Driver)
data-source add --name=TollgateDS --jndi-name=java:jboss/datasources/TollgateDS --driver-name=postgresql --connection-url=jdbc:postgresql://$host:$port/$database --user-name=$user
/system-property=PAYMENTS_DATASOURCE:add(value=java:jboss/datasources/TollgateDS)
CLI
        ;;
esac
cat >>"$commands" <<CLI
/socket-binding-group=standard-sockets/socket-binding=txn-recovery-environment:write-attribute(name=port,value=$txn_recovery_port)
/socket-binding-group=standard-sockets/socket-binding=txn-status-manager:write-attribute(name=port,value=$txn_status_port)
CLI
echo "stop-embedded-server" >>"$commands"
JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --file="$commands"
echo "WildFly's Tollgate data source now uses $kind"

# The scenario suite's people in the ApplicationRealm (the default "other" security domain maps their groups to
# roles). Keep in step with it-tests/src/test/java/dev/tollgate/it/ServerUsers.java.
for person in alice:user bob:user carol:user dave:user erin:user frank:user grace:user henry:user ops:payments-admin; do
    JBOSS_HOME="$home" "$home/bin/add-user.sh" -a -s -u "${person%%:*}" -p Tollgate-it-2026 -g "${person##*:}" \
        -sc "$home/standalone/configuration"
done
echo "WildFly's ApplicationRealm has the suite's users"
