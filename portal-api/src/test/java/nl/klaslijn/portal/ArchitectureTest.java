package nl.klaslijn.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
        noClasses().that().resideInAnyPackage("..schools", "..people", "..onboarding", "..accounts", "..access",
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

    /** The chat sync listens to the features' events; no feature calls it or knows it exists. */
    @Test
    void noFeatureKnowsTheChatSync() {
        noClasses().that().resideOutsideOfPackage("..portal.chatsync..")
                .should().dependOnClassesThat().resideInAnyPackage("..portal.chatsync..")
                .check(CLASSES);
    }
}
