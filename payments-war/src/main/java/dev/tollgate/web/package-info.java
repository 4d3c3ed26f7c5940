/**
 * The HTTP face of the payments WAR, one sub-package per concern ({@code billing}, {@code stripe},
 * {@code health}, {@code pages}, {@code admin}, {@code startup}); this package holds what they share: short
 * answers, the mapping of service failures to statuses, and the publication of committed changes. Servlets
 * translate between HTTP and the application services and decide status codes; they hold no business rules.
 */
package dev.tollgate.web;
