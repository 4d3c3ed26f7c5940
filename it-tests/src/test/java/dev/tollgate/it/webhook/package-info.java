/**
 * The webhook pipeline proved over real HTTP: the unchanged {@code payments-tomcat.war} in the demo's embedded
 * Tomcat, signed real-shaped events, the Stripe emulator, and rows read straight from H2 or PostgreSQL. The
 * benchmark ({@code -Pbench}) drives the same stage under load.
 */
package dev.tollgate.it.webhook;
