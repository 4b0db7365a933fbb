package org.appmsg.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The fast, module-local twin of the bootstrap ArchitectureTest rule: the domain uses only the JDK. */
class DomainPurityTest {

    @Test
    void domain_uses_only_the_jdk() {
        var domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.appmsg.domain");
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("org.appmsg.domain..", "java..")
                .check(domain);
    }
}
