/**
 * What a full server gives Tollgate and Tomcat does not: a persistence unit bootstrapped through the standard JPA
 * SPI, and a {@code @Transactional} interceptor with REQUIRED semantics over a resource-local EntityManager.
 * Every bean here is {@link dev.tollgate.payments.infrastructure.ServletContainerOnly}.
 */
package dev.tollgate.payments.infrastructure.tomcat;
