/** {@code /health} and {@code /admin/health}: UP/DOWN for anyone, the details for admins or a monitoring token. */
package dev.tollgate.web.health;
