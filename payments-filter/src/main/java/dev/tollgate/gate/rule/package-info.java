/**
 * Protection rules: ordered {@code path = requirement} pairs parsed once at start, matched first-match-wins.
 * Pure values with no servlet or JDBC dependency, so every rule behaviour is provable by plain unit tests.
 */
package dev.tollgate.gate.rule;
