package nl.klaslijn.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package-by-feature boundaries of docs/portal-api.md. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.klaslijn.portal");

    @Test
    void storesArePackagePrivate() {
        classes().that().haveSimpleNameEndingWith("Store").should().notBePublic().check(CLASSES);
    }

    @Test
    void featuresDoNotDependOnAnyWebLayer() {
        noClasses().that().resideInAnyPackage("..schools", "..people", "..onboarding", "..accounts", "..request",
                        "..privacy", "..directory", "..medical", "..audit", "..personaldata",
                        "..modules", "..imports", "..welcome", "..chatsync")
                .should().dependOnClassesThat().resideInAnyPackage("..web..")
                .check(CLASSES);
    }

    @Test
    void onlyWebLayersAndHttpPlumbingHandleServletRequests() {
        noClasses().that().resideOutsideOfPackages("..web..", "..http..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void medicalPlaintextStaysInTheMedicalFeatureAndTheExport() {
        noClasses().that().resideOutsideOfPackages("..portal.medical..", "..portal.personaldata..")
                .should().dependOnClassesThat().haveFullyQualifiedName("nl.klaslijn.portal.medical.MedicalRecords")
                .check(CLASSES);
    }

    @Test
    void peopleAndSchoolsKnowNothingOfTheFeaturesBuiltOnThem() {
        noClasses().that().resideInAnyPackage("..portal.schools", "..portal.people")
                .should().dependOnClassesThat().resideInAnyPackage("..portal.accounts..", "..portal.onboarding..",
                        "..portal.imports..", "..portal.modules..", "..portal.welcome..")
                .check(CLASSES);
    }

    /**
     * The features form layers, never a circle (the order is in ARCHITECTURE.md, "portal-api packages"): a change to
     * one feature can only affect the features above it.
     */
    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("nl.klaslijn.portal.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Caller, Membership, the API errors, the shared settings and crypto import no feature: they are the leaves. */
    @Test
    void theSharedLeavesImportNoFeature() {
        String[] leaves = {"nl.klaslijn.portal.request..", "nl.klaslijn.portal.config..", "nl.klaslijn.portal.crypto.."};
        noClasses().that().resideInAnyPackage(leaves)
                .should().dependOnClassesThat(resideInAPackage("nl.klaslijn.portal..").and(not(resideInAnyPackage(leaves))))
                .check(CLASSES);
    }

    /** The chat sync listens to the features' events; no feature calls it or knows it exists. */
    @Test
    void noFeatureKnowsTheChatSync() {
        noClasses().that().resideOutsideOfPackage("..portal.chatsync..")
                .should().dependOnClassesThat().resideInAnyPackage("..portal.chatsync..")
                .check(CLASSES);
    }
}
