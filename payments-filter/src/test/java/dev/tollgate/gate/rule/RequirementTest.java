package dev.tollgate.gate.rule;

import dev.tollgate.gate.Entitlement;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate's decision: the access window from the payments policy, then the rule's plan / feature / credits. */
class RequirementTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final long NOW_MILLIS = NOW.toEpochMilli();

    private static final Requirement PRO = Requirement.parse("plan:pro");
    private static final Requirement BASIC = Requirement.parse("plan:basic");
    private static final Requirement COURSES = Requirement.parse("feature:courses");
    private static final Requirement THREE_CREDITS = Requirement.parse("credits:3");

    @Test
    void activeProUserHasProAndEveryIncludedPlan() {
        Entitlement pro = row("pro,basic", "courses", 0, NOW.plusSeconds(3600));
        assertTrue(PRO.isMetBy(pro, NOW_MILLIS));
        assertTrue(BASIC.isMetBy(pro, NOW_MILLIS));
        assertTrue(COURSES.isMetBy(pro, NOW_MILLIS));
    }

    @Test
    void basicUserDoesNotHavePro() {
        assertFalse(PRO.isMetBy(row("basic", "", 0, NOW.plusSeconds(3600)), NOW_MILLIS));
    }

    @Test
    void planAndFeatureNeedTheAccessWindowOpen() {
        Entitlement lapsed = row("pro,basic", "courses", 0, NOW);
        assertFalse(PRO.isMetBy(lapsed, NOW_MILLIS), "access_until == now is already over");
        assertFalse(COURSES.isMetBy(lapsed, NOW_MILLIS));
        assertFalse(PRO.isMetBy(row("pro", "courses", 0, null), NOW_MILLIS), "null access_until means none");
    }

    @Test
    void creditsCountWithoutAnAccessWindow() {
        assertTrue(THREE_CREDITS.isMetBy(row("", "", 3, null), NOW_MILLIS));
        assertFalse(THREE_CREDITS.isMetBy(row("", "", 2, NOW.plusSeconds(60)), NOW_MILLIS));
    }

    @Test
    void userWithoutRowHasNothingButIsStillAUser() {
        Entitlement none = Entitlement.none("carol");
        assertFalse(PRO.isMetBy(none, NOW_MILLIS));
        assertFalse(COURSES.isMetBy(none, NOW_MILLIS));
        assertFalse(Requirement.parse("credits:1").isMetBy(none, NOW_MILLIS));
        assertTrue(Requirement.parse("authenticated").isMetBy(none, NOW_MILLIS));
    }

    @Test
    void onlyPublicLetsAnonymousUsersIn() {
        assertFalse(Requirement.parse("public").needsUser());
        assertTrue(Requirement.parse("authenticated").needsUser());
        assertTrue(PRO.needsUser() && COURSES.needsUser() && THREE_CREDITS.needsUser());
    }

    @Test
    void onlyACreditsRuleSpends() {
        assertEquals(3, THREE_CREDITS.creditsSpent());
        assertEquals(0, PRO.creditsSpent());
        assertEquals(0, COURSES.creditsSpent());
        assertEquals(0, Requirement.parse("authenticated").creditsSpent());
        assertEquals(0, Requirement.parse("public").creditsSpent());
    }

    @Test
    void aSpendRuleNamesItsUnit() {
        Requirement reports = Requirement.parse("spend:reports:2");
        assertEquals(2, reports.creditsSpent());
        assertEquals("reports", reports.unitSpent());
        assertEquals("spend:reports:2", reports.toString());
        assertEquals("credits", THREE_CREDITS.unitSpent());
        assertEquals("credits:3", Requirement.parse("spend:credits:3").toString(), "the same rule as credits:3");
        for (String bad : new String[] {"spend:reports", "spend:reports:0", "spend::2", "spend:Reports:2",
                "spend:reports:x", "spend:2", "credits:reports:2"}) {
            assertNull(Requirement.parse(bad), bad);
        }
    }

    private static Entitlement row(String plans, String features, long credits, Instant accessUntil) {
        return Entitlement.of("alice", plans, features, "active", credits, accessUntil, 7);
    }
}
