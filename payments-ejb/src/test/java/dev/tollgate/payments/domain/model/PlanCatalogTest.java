package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCatalogTest {

    @Test
    void inlineCatalogMapsPriceIdsAndLookupKeysToPlans() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro_monthly,pro_monthly; basic=price_basic_monthly");
        assertEquals("pro", catalog.planSoldBy("pro_monthly").orElseThrow().name());
        assertEquals("basic", catalog.planSoldBy("price_basic_monthly").orElseThrow().name());
        assertTrue(catalog.planSoldBy("price_unknown").isEmpty());
    }

    @Test
    void aPropertiesFileDescribesFeaturesAndIncludedPlans(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, """
                plan.basic.prices=price_basic_monthly
                plan.basic.features=reports
                plan.pro.prices=price_pro_monthly
                plan.pro.features=courses
                plan.pro.includes=basic
                """);
        PlanCatalog catalog = PlanCatalog.parse(file.toString());
        Plan pro = catalog.plan("pro").orElseThrow();
        assertEquals(Set.of("pro", "basic"), catalog.coveredPlans(pro));
        assertEquals(Set.of("courses", "reports"), catalog.features(pro));
    }

    @Test
    void malformedEntriesAreRefusedWithTheExpectedForm() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("pro=price_a;oops="));
        assertTrue(failure.getMessage().contains("'oops=' is not of the form plan=price"));
    }

    @Test
    void aPlansPricesKeepTheCatalogsOrderForPricingPages() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro_monthly,price_pro_annual,pro_weekly");
        assertEquals(List.of("price_pro_monthly", "price_pro_annual", "pro_weekly"),
                List.copyOf(catalog.plan("pro").orElseThrow().prices()));
    }

    @Test
    void aPlanBoughtOnceIncludesAnotherInline() {
        PlanCatalog catalog = PlanCatalog.parse("basic=price_basic_monthly;pro=price_pro_monthly;"
                + "lifetime=price_pro_lifetime;duration:lifetime=forever;includes:lifetime=pro");
        Plan lifetime = catalog.plan("lifetime").orElseThrow();
        assertEquals(Set.of("lifetime", "pro"), catalog.coveredPlans(lifetime));
        assertEquals("lifetime", catalog.planSoldBy("price_pro_lifetime").orElseThrow().name());
        assertTrue(catalog.termOf(lifetime).isPresent(), "still bought once");
    }

    @Test
    void anInlineIncludesMustNameACatalogPlanAndKnownPlans() {
        IllegalArgumentException noSuchPlan = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("pro=price_pro;includes:gold=pro"));
        assertEquals("'includes:gold' names no plan of the catalog", noSuchPlan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse("pro=price_pro;includes:pro=gold"));
    }

    @Test
    void includingAnUnknownPlanIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, "plan.pro.prices=price_pro\nplan.pro.includes=gold\n");
        assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse(file.toString()));
    }

    @Test
    void creditPacksAreSoldByTheirOwnPrices() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro; credits:100=price_credits_100,credits_100");
        assertEquals(100, catalog.packSoldBy("credits_100").orElseThrow().credits());
        assertTrue(catalog.sells("price_credits_100"));
        assertTrue(catalog.planSoldBy("price_credits_100").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse("credits:lots=price_x"));
        assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse("credits:0=price_x"));
    }

    @Test
    void aPlansTrialIsGivenInlineWithOrWithoutACard() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro; basic=price_basic; team=price_team; trial:pro=14;"
                + " trial:basic=7,without_card");
        assertEquals(Optional.of(new Trial(14, true)), catalog.trialOf(catalog.plan("pro").orElseThrow()));
        assertEquals(Optional.of(new Trial(7, false)), catalog.trialOf(catalog.plan("basic").orElseThrow()));
        assertEquals(Optional.empty(), catalog.trialOf(catalog.plan("team").orElseThrow()));
    }

    @Test
    void aPlansTrialIsGivenInAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, """
                plan.pro.prices=price_pro
                plan.pro.trial_days=30
                plan.pro.trial_without_card=true
                """);
        PlanCatalog catalog = PlanCatalog.parse(file.toString());
        assertEquals(Optional.of(new Trial(30, false)), catalog.trialOf(catalog.plan("pro").orElseThrow()));
    }

    @Test
    void aTrialMustNameAPlanAndLastOneTo730Days() {
        for (String wrong : List.of("pro=price_pro; trial:gold=14", "pro=price_pro; trial:pro=0",
                "pro=price_pro; trial:pro=731", "pro=price_pro; trial:pro=two weeks",
                "pro=price_pro; trial:pro=14,no_card")) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> PlanCatalog.parse(wrong), wrong);
            assertTrue(failure.getMessage().contains("trial"), failure.getMessage());
        }
    }

    @Test
    void aPlanIncludesCreditsPerBillingPeriodInline() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro; basic=price_basic; allowance:pro=500/period");
        assertEquals(List.of(new Allowance(500)), catalog.allowancesOf(catalog.plan("pro").orElseThrow()));
        assertEquals(List.of(), catalog.allowancesOf(catalog.plan("basic").orElseThrow()));
        assertFalse(catalog.hasWindowsInsidePeriods());
    }

    @Test
    void aPlanIncludesOtherUnitsOnTheirOwnWindowsInline() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro_yearly; allowance:pro=500/month;"
                + " allowance:pro:reports=20/week; allowance:pro:exports=3/day");
        assertEquals(List.of(new Allowance("credits", 500, Allowance.Every.MONTH),
                new Allowance("reports", 20, Allowance.Every.WEEK), new Allowance("exports", 3, Allowance.Every.DAY)),
                catalog.allowancesOf(catalog.plan("pro").orElseThrow()));
        assertTrue(catalog.hasWindowsInsidePeriods());
    }

    @Test
    void aPlanIncludesCreditsPerBillingPeriodInAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, "plan.pro.prices=price_pro\nplan.pro.allowance.credits= 250 / period \n"
                + "plan.pro.allowance.reports=500/month\nplan.pro.allowance.seats=5/year\n");
        PlanCatalog catalog = PlanCatalog.parse(file.toString());
        assertEquals(List.of(new Allowance("credits", 250, Allowance.Every.PERIOD),
                new Allowance("reports", 500, Allowance.Every.MONTH), new Allowance("seats", 5, Allowance.Every.YEAR)),
                catalog.allowancesOf(catalog.plan("pro").orElseThrow()));
    }

    @Test
    void badAllowancesAreRefusedNamingTheSettingAndTheForm(@TempDir Path dir) throws Exception {
        for (String bad : List.of("0/period", "-5/period", "500", "500/fortnight", "many/period", "500/period/x",
                "500/Month")) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> PlanCatalog.parse("pro=price_pro; allowance:pro=" + bad));
            assertEquals("'allowance:pro' needs <amount>/<period|day|week|month|year> (a positive whole number of"
                    + " credits per billing period of the subscription, or per day, week, month or year of it), got '"
                    + bad + "'", failure.getMessage());
        }
        IllegalArgumentException badUnit = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("pro=price_pro; allowance:pro:Reports!=5/month"));
        assertEquals("'allowance:pro:Reports!': an allowance's unit is a lower-case name (a-z, 0-9, _; a letter"
                + " first; at most 40), got 'Reports!'", badUnit.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("pro=price_pro; allowance:pro:reports=5/month; allowance:pro:reports=9/day"));
        assertEquals("'allowance:pro:reports': plan 'pro' has an allowance of reports already; give one per unit",
                twice.getMessage());
        IllegalArgumentException unknownPlan = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("pro=price_pro; allowance:gold=5/period"));
        assertEquals("an allowance is given for unknown plan 'gold'", unknownPlan.getMessage());

        Path file = dir.resolve("plans.properties");
        Files.writeString(file, "plan.pro.prices=price_pro\nplan.pro.allowance.Reports=500/period\n");
        IllegalArgumentException otherUnit = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse(file.toString()));
        assertTrue(otherUnit.getMessage().startsWith("'plan.pro.allowance.Reports' in " + file
                + ": a plan's allowance is given in a unit named in lower case"), otherUnit.getMessage());
        Files.writeString(file, "plan.pro.prices=price_pro\nplan.pro.allowance.reports=500/quarter\n");
        IllegalArgumentException badWindow = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse(file.toString()));
        assertTrue(badWindow.getMessage().startsWith("'plan.pro.allowance.reports' needs <amount>/<period|day|week|"
                + "month|year>"), badWindow.getMessage());
    }
}
