/**
 * Configuration: where each setting comes from (environment, system property, context-param, JNDI) and the
 * start-up checks that stop a misconfigured deployment with a message naming the variable.
 */
package dev.tollgate.payments.config;
