/**
 * Container tests: the unchanged, built payments WAR deployed by Arquillian to real servers and driven over HTTP
 * the way Stripe and a browser would drive it.
 */
package dev.tollgate.it;
