/**
 * The WAR's life cycle: start-up checks before the first request, and the poll that answers the gates' renewal
 * questions while the WAR runs.
 */
package dev.tollgate.web.startup;
