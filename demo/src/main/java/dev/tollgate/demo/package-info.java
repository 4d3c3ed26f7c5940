/**
 * The one-command demo: an embedded Tomcat running a sample app gated by the Tollgate filter, the payments WAR,
 * the Stripe emulator and an H2 file database, wired together the way a real deployment would be.
 */
package dev.tollgate.demo;
