/**
 * JPA repositories (they join the caller's transaction and never start one), the data source and the Flyway
 * schema migration.
 */
package dev.tollgate.payments.infrastructure.persistence;
