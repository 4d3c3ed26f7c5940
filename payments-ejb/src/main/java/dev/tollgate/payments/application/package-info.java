/**
 * Application services: the transaction boundaries. Each public method of a {@code @Stateless} service is one
 * container-managed transaction (an interceptor gives the same on Tomcat); everything it calls joins it.
 */
package dev.tollgate.payments.application;
