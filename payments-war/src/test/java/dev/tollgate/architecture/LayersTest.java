package dev.tollgate.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows between Tollgate's layers (docs/design.md, "Layers"), checked on the compiled product: the payments
 * module (domain, application, infrastructure, config), the WAR's web layer and the gate. This module's test class
 * path holds all three, so the one test sees every arrow. A class that breaks a rule fails {@code mvn verify}.
 */
@AnalyzeClasses(packages = "dev.tollgate", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    private static final String DOMAIN = "dev.tollgate.payments.domain..";
    private static final String APPLICATION = "dev.tollgate.payments.application..";
    private static final String INFRASTRUCTURE = "dev.tollgate.payments.infrastructure..";
    private static final String CONFIG = "dev.tollgate.payments.config..";
    private static final String WEB = "dev.tollgate.web..";
    private static final String GATE = "dev.tollgate.gate..";
    private static final String EMULATOR = "dev.tollgate.emulator..";
    /** The start-up wiring: it loads the settings, opens and migrates the database for the rest to use. */
    private static final String START_UP = "dev\\.tollgate\\.payments\\.application\\.PaymentsLifecycle(\\$.*)?";

    @ArchTest
    static final ArchRule domainImportsNothingOfOurs = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat(resideInAPackage("dev.tollgate..").and(not(resideInAPackage(DOMAIN))))
            .as("the domain depends on no other part of Tollgate");

    @ArchTest
    static final ArchRule applicationUsesTheDomainOnly = noClasses().that().resideInAPackage(APPLICATION)
            .and().haveNameNotMatching(START_UP)
            .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE, CONFIG, WEB, GATE)
            .as("the application layer depends on the domain only (settings reach it as domain values);"
                    + " the start-up wiring alone also loads the settings and opens the database");

    @ArchTest
    static final ArchRule infrastructureServesTheDomain = noClasses().that().resideInAPackage(INFRASTRUCTURE)
            .should().dependOnClassesThat().resideInAnyPackage(APPLICATION, WEB, GATE)
            .as("the infrastructure implements the domain's interfaces and depends on no layer above it");

    @ArchTest
    static final ArchRule webUsesTheApplicationAndTheGate = noClasses().that().resideInAPackage(WEB)
            .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
            .as("the web layer calls the application (and the gate), never the infrastructure");

    @ArchTest
    static final ArchRule theGateNeedsTheServletApiAndJdbcOnly = classes().that().resideInAPackage(GATE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(GATE, "java..", "javax.sql..", "javax.naming..",
                    "javax.crypto..", "jakarta.servlet..")
            .as("the gate needs only the JDK, JDBC, JNDI, javax.crypto (hand-off MAC) and the Servlet API");

    @ArchTest
    static final ArchRule nothingUsesTheEmulator = noClasses().that().resideOutsideOfPackage(EMULATOR)
            .should().dependOnClassesThat().resideInAPackage(EMULATOR)
            .as("no product class depends on the Stripe emulator");
}
