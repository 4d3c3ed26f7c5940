/**
 * Integration tests of the BUILT gate jar inside real embedded Tomcats: the jar sits in a plain webapp's
 * {@code WEB-INF/lib}, so Tomcat really processes its web-fragment.xml; entitlement rows live in H2 or in the
 * machine's PostgreSQL with the V1 schema of payments-ejb. Run by Failsafe ({@code *IT}) after the package phase.
 */
package dev.tollgate.gate.it;
