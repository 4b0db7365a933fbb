package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each rule, run over the production code plus the deliberately broken classes in the test
 * sources' {@code archfixture} packages, reports the fixture that breaks it.
 */
class ArchitectureRulesCanFailTest {

    private static final Map<String, String> BROKEN_BY = Map.ofEntries(
            Map.entry("dependencies_point_inward", "DomainReachingOut"),
            Map.entry("application_has_only_ports_and_services", "StrayHelper"),
            Map.entry("domain_depends_only_on_the_jdk", "DomainReachingOut"),
            Map.entry("application_depends_only_on_domain_jdk_and_slf4j", "StrayHelper"),
            Map.entry("core_gets_time_and_ids_injected", "ClockReadingService"),
            Map.entry("adapters_do_not_know_each_other", "HttpKnowsWs"),
            Map.entry("javalin_only_in_http", "StrayHelper"),
            Map.entry("jetty_only_in_http", "StrayHelper"),
            Map.entry("websocket_only_in_ws", "LeakyBootstrap"),
            Map.entry("jooq_only_in_persistence", "LeakyBootstrap"),
            Map.entry("flyway_only_in_persistence", "LeakyBootstrap"),
            Map.entry("hikari_only_in_persistence", "LeakyBootstrap"),
            Map.entry("jedis_only_in_persistence", "LeakyBootstrap"),
            Map.entry("pushy_only_in_apns", "LeakyBootstrap"),
            Map.entry("netty_only_in_apns", "LeakyBootstrap"),
            Map.entry("picocli_only_in_bootstrap", "ChattyAdapter"),
            Map.entry("logback_only_in_bootstrap", "ChattyAdapter"),
            Map.entry("use_cases_are_interfaces", "BrokenUseCase"),
            Map.entry("commands_and_queries_are_records", "BrokenCommand"),
            Map.entry("services_are_final_and_implement_a_use_case", "ClockReadingService"),
            Map.entry("driven_ports_are_implemented_only_by_adapters", "RogueMailbox"),
            Map.entry("no_std_streams", "LeakyBootstrap"),
            Map.entry("no_generic_exceptions", "LeakyBootstrap"),
            Map.entry("no_java_util_logging", "LeakyBootstrap"),
            Map.entry("no_package_cycles", "CycleA"),
            Map.entry("no_load_tools_in_the_server", "StrayLoadTool"));

    private static JavaClasses withFixtures;

    @BeforeAll
    static void importEverything() {
        withFixtures = new ClassFileImporter()
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.appmsg");
    }

    @Test
    void every_rule_has_a_fixture_that_breaks_it() {
        assertThat(BROKEN_BY.keySet()).containsExactlyInAnyOrderElementsOf(ArchitectureRules.all().keySet());
    }

    @TestFactory
    Stream<DynamicTest> each_rule_reports_its_broken_fixture() {
        return ArchitectureRules.all().entrySet().stream().map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
            EvaluationResult result = rule.getValue().evaluate(withFixtures);
            String report = String.join("\n", result.getFailureReport().getDetails());
            assertThat(report).as("violations of " + rule.getKey()).contains(BROKEN_BY.get(rule.getKey()));
        }));
    }
}
