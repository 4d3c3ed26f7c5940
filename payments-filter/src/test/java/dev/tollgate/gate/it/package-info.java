/**
 * Integration tests of the BUILT gate jar inside real embedded Tomcats: the jar sits in a plain webapp's
 * {@code WEB-INF/lib}, so Tomcat really processes its web-fragment.xml; entitlement rows live in H2 or in the
 * machine's PostgreSQL, in the schema that all of payments-ejb's migrations build ({@link TestDatabase}). Run by
 * Failsafe ({@code *IT}) after the package phase.
 */
package dev.tollgate.gate.it;
