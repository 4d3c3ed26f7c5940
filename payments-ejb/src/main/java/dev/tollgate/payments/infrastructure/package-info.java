/**
 * Technology behind the domain interfaces: Stripe, JPA, Flyway, and the Tomcat stand-ins for what a full
 * Jakarta EE server provides.
 */
package dev.tollgate.payments.infrastructure;
