package dev.tollgate.gate.rule;

/**
 * One {@code path = requirement} pair, e.g. {@code /pro/* = plan:pro}.
 *
 * @param pattern     which paths the rule covers
 * @param requirement what those paths ask of the user
 */
public record ProtectionRule(PathPattern pattern, Requirement requirement) {

    @Override
    public String toString() {
        return pattern.normalised() + "=" + requirement;
    }
}
