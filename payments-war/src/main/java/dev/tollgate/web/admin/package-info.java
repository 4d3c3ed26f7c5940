/**
 * The admin console under {@code /admin/} (role {@code payments-admin}) and its JSON under {@code /admin/api/}:
 * each servlet asks the application layer for a page's data, turns it into view records (times in the admin's
 * zone, money by currency) and forwards to a JSP under {@code WEB-INF/views/admin/}, which only writes them out
 * (like {@link dev.tollgate.web.pages.ErrorPageServlet}). web.xml puts its responses under
 * {@link dev.tollgate.web.pages.ContentSecurityPolicyFilter} and its state-changing requests under
 * {@link dev.tollgate.web.pages.CsrfFilter}.
 */
package dev.tollgate.web.admin;
