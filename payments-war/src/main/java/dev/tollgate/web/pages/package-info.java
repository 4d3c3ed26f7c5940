/**
 * What the WAR's own HTML pages share: the error page (a servlet that forwards to a JSP under
 * {@code WEB-INF/views/}, never reachable by URL), the synchronizer CSRF token of their forms and the
 * Content-Security-Policy of their responses.
 */
package dev.tollgate.web.pages;
