/** What the WAR's own HTML pages share: the error page the container forwards to. */
package dev.tollgate.web.pages;
