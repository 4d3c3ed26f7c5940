/**
 * The place of the coming admin console under {@code /admin/} (role {@code payments-admin}): its servlets will
 * prepare a page's data and forward to a JSP under {@code WEB-INF/views/admin/} (like
 * {@link dev.tollgate.web.pages.ErrorPageServlet}); web.xml already puts its responses under
 * {@link dev.tollgate.web.pages.ContentSecurityPolicyFilter} and its state-changing requests under
 * {@link dev.tollgate.web.pages.CsrfFilter}. Nothing lives here yet.
 */
package dev.tollgate.web.admin;
