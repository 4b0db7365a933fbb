package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The production code keeps every rule of {@link ArchitectureRules}. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.appmsg");
    }

    @Test
    void every_module_is_imported() {
        for (String pkg : new String[] {"org.appmsg.domain", "org.appmsg.application.service",
                "org.appmsg.adapter.http", "org.appmsg.adapter.ws", "org.appmsg.adapter.persistence", "org.appmsg.adapter.apns",
                "org.appmsg.bootstrap"}) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> production_code_keeps_every_rule() {
        return ArchitectureRules.all().entrySet().stream().map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
            EvaluationResult result = rule.getValue().evaluate(production);
            assertThat(result.hasViolation()).as(() -> String.join("\n", result.getFailureReport().getDetails())).isFalse();
        }));
    }
}
