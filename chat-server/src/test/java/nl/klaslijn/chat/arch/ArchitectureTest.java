package nl.klaslijn.chat.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries DESIGN.md promises, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.klaslijn.chat");

    @Test
    void onlyTheEdgeSeesNetty() {
        noClasses().that().resideOutsideOfPackage("nl.klaslijn.chat.edge..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotKnowTheTransport() {
        noClasses().that().resideInAnyPackage("nl.klaslijn.chat.core..", "nl.klaslijn.chat.conversations..",
                        "nl.klaslijn.chat.messages..", "nl.klaslijn.chat.sync..", "nl.klaslijn.chat.delivery..",
                        "nl.klaslijn.chat.directory..")
                .should().dependOnClassesThat().resideInAPackage("nl.klaslijn.chat.edge..")
                .check(CLASSES);
    }

    @Test
    void storesStayInsideTheirFeature() {
        noClasses().that().resideOutsideOfPackage("nl.klaslijn.chat.messages..")
                .should().dependOnClassesThat().haveSimpleName("MessageStore")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackage("nl.klaslijn.chat.conversations..")
                .should().dependOnClassesThat().haveSimpleName("ConversationStore")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotDependOnSpring() {
        noClasses().that().resideOutsideOfPackage("nl.klaslijn.chat.app..")
                .and().doNotHaveSimpleName("ChatServerApplication")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    /** Each top-level package of chat-server is a slice; no two of them depend on each other, however indirectly. */
    @Test
    void theChatServersPackagesHaveNoCycles() {
        slices().matching("nl.klaslijn.chat.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
