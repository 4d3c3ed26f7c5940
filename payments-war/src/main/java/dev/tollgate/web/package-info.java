/**
 * The HTTP face of the payments WAR: checkout, return, webhook and health. Servlets translate between HTTP and
 * the application services and decide status codes; they hold no business rules.
 */
package dev.tollgate.web;
