package dev.tollgate.gate.rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered rule list: the first rule whose pattern matches a path decides; a path no rule matches is public.
 *
 * <p>Written as {@code /pro/* = plan:pro; /courses/* = feature:courses; /api/reports/* = credits:1}: rules are
 * separated by {@code ;} or line breaks, blanks around {@code =} are ignored, and a line starting with {@code #}
 * is a comment. Mistakes a reader would not notice fail the start instead of being guessed at: an unknown
 * requirement, a pattern of no legal form, the same pattern twice, or a rule after a catch-all ({@code /*}),
 * which could never match.
 */
public final class ProtectionRules {

    /** No rules: everything public (what an empty list parses to). */
    private static final ProtectionRules NONE = new ProtectionRules(new ProtectionRule[0]);

    private final ProtectionRule[] rules;

    private ProtectionRules(ProtectionRule[] rules) {
        this.rules = rules;
    }

    /**
     * Parses a rule list.
     *
     * @throws InvalidRuleException naming the first malformed rule and the legal forms
     */
    public static ProtectionRules parse(String text) {
        if (text == null) {
            return NONE;
        }
        List<ProtectionRule> parsed = new ArrayList<>();
        Set<String> patternsSeen = new HashSet<>();
        for (String entry : text.split("[;\\r\\n]+")) {
            String rule = entry.trim();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            ProtectionRule next = parseRule(rule);
            if (!parsed.isEmpty() && parsed.get(parsed.size() - 1).pattern().isCatchAll()) {
                throw invalid(rule, "it comes after the catch-all rule '" + parsed.get(parsed.size() - 1)
                        + "' and could never match; put the catch-all last");
            }
            if (!patternsSeen.add(next.pattern().normalised())) {
                throw invalid(rule, "its path is already covered by an earlier rule with the same pattern");
            }
            parsed.add(next);
        }
        return parsed.isEmpty() ? NONE : new ProtectionRules(parsed.toArray(new ProtectionRule[0]));
    }

    /** The requirement of the first rule matching {@code path}, or {@code null} when none matches (public). */
    public Requirement requirementFor(String path) {
        for (ProtectionRule rule : rules) {
            if (rule.pattern().matches(path)) {
                return rule.requirement();
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    public List<ProtectionRule> asList() {
        return List.of(rules);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (ProtectionRule rule : rules) {
            text.append(text.length() == 0 ? "" : "; ").append(rule);
        }
        return text.toString();
    }

    private static ProtectionRule parseRule(String rule) {
        int equals = rule.indexOf('=');
        if (equals < 0) {
            throw invalid(rule, "it has no '='; write <path>=<requirement>");
        }
        String patternText = rule.substring(0, equals).trim();
        PathPattern pattern = PathPattern.parse(patternText);
        if (pattern == null) {
            throw invalid(rule, "'" + patternText + "' is not a path pattern");
        }
        String requirementText = rule.substring(equals + 1).trim();
        Requirement requirement = Requirement.parse(requirementText);
        if (requirement == null) {
            throw invalid(rule, "'" + requirementText + "' is not a requirement");
        }
        return new ProtectionRule(pattern, requirement);
    }

    private static InvalidRuleException invalid(String rule, String why) {
        return new InvalidRuleException("Invalid protection rule '" + rule + "': " + why + ". A rule is"
                + " <path>=<requirement>; path one of " + PathPattern.LEGAL_FORMS + "; requirement one of "
                + Requirement.LEGAL_FORMS + " (n a whole number of at least 1); rules separated by ';' or line"
                + " breaks, e.g. '/pro/*=plan:pro; /courses/*=feature:courses; /api/reports/*=credits:1'.");
    }
}
