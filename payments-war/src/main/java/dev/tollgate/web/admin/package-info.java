/**
 * The place of the coming admin console under {@code /admin/} (role {@code payments-admin}): its servlets will
 * prepare a page's data and forward to a JSP under {@code WEB-INF/views/admin/}. Nothing lives here yet.
 */
package dev.tollgate.web.admin;
