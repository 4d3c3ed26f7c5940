/**
 * Container tests: the unchanged, built payments WARs on Tomcat 10.1 and 11 (embedded through Arquillian, and a
 * standalone Tomcat), WildFly and Payara, on H2 or PostgreSQL ({@code -Dit.database}), driven over HTTP the way
 * Stripe and a browser would drive them and checked in the very database the container writes to.
 */
package dev.tollgate.it;
