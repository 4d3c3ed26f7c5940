package dev.tollgate.gate.rule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtectionRulesTest {

    private static final ProtectionRules RULES = ProtectionRules.parse(
            "/pro/reports/* = feature:reports; /pro/* = plan:pro\n"
                    + "# comments and blank lines are allowed\n\n"
                    + "/courses/** = feature:courses;/api/reports/*=credits:1\n"
                    + "*.pdf = plan:basic; /account = authenticated; /pro/free = public; /* = authenticated");

    @Test
    void firstMatchingRuleDecidesInTheWrittenOrder() {
        assertEquals("feature:reports", RULES.requirementFor("/pro/reports/q3").toString());
        assertEquals("plan:pro", RULES.requirementFor("/pro/index.jsp").toString());
        // "/pro/free = public" comes after "/pro/*", so it can never win: order is the author's, not specificity.
        assertEquals("plan:pro", RULES.requirementFor("/pro/free").toString());
    }

    @Test
    void prefixCoversItselfAndEverythingBeneathButNotLookAlikes() {
        assertEquals("plan:pro", RULES.requirementFor("/pro").toString());
        assertEquals("plan:pro", RULES.requirementFor("/pro/a/b/c").toString());
        assertEquals("authenticated", RULES.requirementFor("/professional").toString());
        assertEquals("feature:courses", RULES.requirementFor("/courses/java/1").toString());
    }

    @Test
    void trailingSlashIsNormalisedInPathsAndPatterns() {
        assertEquals("plan:pro", RULES.requirementFor("/pro/").toString());
        assertEquals("authenticated", RULES.requirementFor("/account/").toString());
        ProtectionRules slashed = ProtectionRules.parse("/docs/ = plan:pro");
        assertEquals("plan:pro", slashed.requirementFor("/docs").toString());
        assertEquals("plan:pro", slashed.requirementFor("/docs/").toString());
        assertNull(slashed.requirementFor("/docs/inner"));
        assertEquals("/docs=plan:pro", slashed.toString());
    }

    @Test
    void extensionsAndExactPathsMatchOnlyWhatTheySay() {
        assertEquals("plan:basic", RULES.requirementFor("/files/guide.pdf").toString());
        assertEquals("authenticated", RULES.requirementFor("/files/guide.pdfx").toString());
        assertEquals("authenticated", RULES.requirementFor("/account").toString());
    }

    @Test
    void catchAllTakesWhatNoEarlierRuleMatched() {
        assertEquals("authenticated", RULES.requirementFor("/").toString());
        assertEquals("authenticated", RULES.requirementFor("/anything/else").toString());
    }

    @Test
    void pathsNoRuleMatchesArePublic() {
        ProtectionRules rules = ProtectionRules.parse("/pro/* = plan:pro");
        assertNull(rules.requirementFor("/pricing"));
        assertNull(rules.requirementFor("/"));
    }

    @Test
    void noRulesMeansEmpty() {
        assertTrue(ProtectionRules.parse(null).isEmpty());
        assertTrue(ProtectionRules.parse(" ;\n ; ").isEmpty());
    }

    @Test
    void unknownRequirementIsRefusedNamingTheRuleAndTheLegalForms() {
        String message = refused("/pro/* = plan:pro; /vip/* = tier:gold");
        assertTrue(message.contains("'/vip/* = tier:gold'"), message);
        assertTrue(message.contains("tier:gold"), message);
        assertTrue(message.contains(Requirement.LEGAL_FORMS), message);
    }

    @Test
    void creditsMustBeAPositiveWholeNumber() {
        assertTrue(refused("/api/* = credits:0").contains("'/api/* = credits:0'"));
        assertTrue(refused("/api/* = credits:many").contains("credits:many"));
        assertTrue(refused("/api/* = credits:-3").contains("credits:-3"));
    }

    @Test
    void ruleWithoutEqualsOrWithABadPathIsRefused() {
        assertTrue(refused("/pro/* plan:pro").contains("no '='"));
        String badPath = refused("pro/* = plan:pro");
        assertTrue(badPath.contains("'pro/*' is not a path pattern") && badPath.contains(PathPattern.LEGAL_FORMS), badPath);
        assertTrue(refused("/pro/*/x = plan:pro").contains("'/pro/*/x'"));
        assertTrue(refused("/pro/* = plan:").contains("'plan:'"));
        assertTrue(refused("/pro/* = plan:pro,basic").contains("plan:pro,basic"));
    }

    @Test
    void ruleAfterTheCatchAllIsRefusedBecauseItCouldNeverMatch() {
        String message = refused("/* = authenticated; /pro/* = plan:pro");
        assertTrue(message.contains("'/pro/* = plan:pro'") && message.contains("catch-all"), message);
    }

    @Test
    void samePatternTwiceIsRefused() {
        String message = refused("/pro/* = plan:pro; /pro/** = plan:basic");
        assertTrue(message.contains("'/pro/** = plan:basic'") && message.contains("same pattern"), message);
    }

    private static String refused(String rules) {
        return assertThrows(InvalidRuleException.class, () -> ProtectionRules.parse(rules)).getMessage();
    }
}
