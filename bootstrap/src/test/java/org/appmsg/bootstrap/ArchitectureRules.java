package org.appmsg.bootstrap;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The design rules of STYLE.md §5 as ArchUnit rules, by name. {@link ArchitectureTest} checks the
 * production code against each; {@link ArchitectureRulesCanFailTest} shows each one reporting a
 * deliberately broken fixture class, so that no rule passes vacuously.
 */
final class ArchitectureRules {

    static final String ROOT = "org.appmsg..";
    static final String DOMAIN = "org.appmsg.domain..";
    static final String APPLICATION = "org.appmsg.application..";
    static final String PORT_IN = "org.appmsg.application.port.in..";
    static final String PORT_OUT = "org.appmsg.application.port.out..";
    static final String SERVICE = "org.appmsg.application.service..";
    static final String ADAPTERS = "org.appmsg.adapter..";
    static final String BOOTSTRAP = "org.appmsg.bootstrap..";

    private ArchitectureRules() {}

    static Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("dependencies_point_inward", layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage(ROOT)
                .layer("Domain").definedBy(DOMAIN)
                .layer("InPorts").definedBy(PORT_IN)
                .layer("OutPorts").definedBy(PORT_OUT)
                .layer("Services").definedBy(SERVICE)
                .layer("Adapters").definedBy(ADAPTERS)
                .layer("Bootstrap").definedBy(BOOTSTRAP)
                .whereLayer("Domain").mayNotAccessAnyLayer()
                .whereLayer("InPorts").mayOnlyAccessLayers("Domain")
                .whereLayer("OutPorts").mayOnlyAccessLayers("Domain")
                .whereLayer("Services").mayOnlyAccessLayers("Domain", "InPorts", "OutPorts")
                .whereLayer("Adapters").mayOnlyAccessLayers("Domain", "InPorts", "OutPorts")
                .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer());
        rules.put("application_has_only_ports_and_services", classes().that().resideInAPackage(APPLICATION)
                .should().resideInAnyPackage(PORT_IN, PORT_OUT, SERVICE));
        rules.put("domain_depends_only_on_the_jdk", classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
                .because("the domain is a plain Java library: no frameworks, Lombok, vavr or logging"));
        rules.put("application_depends_only_on_domain_jdk_and_slf4j", classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(DOMAIN, APPLICATION, "java..", "org.slf4j..", "com.google.common.."));
        rules.put("core_gets_time_and_ids_injected", noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(UUID.class, "randomUUID")
                .because("tests control time (Clock) and identity (IdGenerator)"));
        rules.put("adapters_do_not_know_each_other",
                slices().matching("org.appmsg.adapter.(*)..").should().notDependOnEachOther());
        rules.put("javalin_only_in_http", confined("io.javalin..", "org.appmsg.adapter.http.."));
        rules.put("jetty_only_in_http", confined("org.eclipse.jetty..", "org.appmsg.adapter.http.."));
        rules.put("websocket_only_in_ws", confined("org.java_websocket..", "org.appmsg.adapter.ws.."));
        rules.put("jooq_only_in_persistence", confined("org.jooq..", "org.appmsg.adapter.persistence.."));
        rules.put("flyway_only_in_persistence", confined("org.flywaydb..", "org.appmsg.adapter.persistence.."));
        rules.put("hikari_only_in_persistence", confined("com.zaxxer.hikari..", "org.appmsg.adapter.persistence.."));
        rules.put("jedis_only_in_persistence", confined("redis.clients..", "org.appmsg.adapter.persistence.."));
        rules.put("pushy_only_in_apns", confined("com.eatthepath..", "org.appmsg.adapter.apns.."));
        rules.put("netty_only_in_apns", confined("io.netty..", "org.appmsg.adapter.apns.."));
        rules.put("picocli_only_in_bootstrap", confined("picocli..", BOOTSTRAP));
        rules.put("logback_only_in_bootstrap", confined("ch.qos.logback..", BOOTSTRAP));
        rules.put("use_cases_are_interfaces", classes().that().resideInAPackage(PORT_IN)
                .and().haveSimpleNameEndingWith("UseCase").should().beInterfaces());
        rules.put("commands_and_queries_are_records", classes().that().resideInAPackage(PORT_IN)
                .and(simpleNameEndingWith("Command").or(simpleNameEndingWith("Query")))
                .should().beRecords());
        // public classes only: a package-private helper shared by several services (QunDesk) may sit beside them
        rules.put("services_are_final_and_implement_a_use_case", classes().that().resideInAPackage(SERVICE)
                .and().areTopLevelClasses().and().arePublic()
                .should().haveSimpleNameEndingWith("Service")
                .andShould().haveModifier(JavaModifier.FINAL)
                .andShould().implement(simpleNameEndingWith("UseCase")));
        rules.put("driven_ports_are_implemented_only_by_adapters", classes().that().implement(resideInAPackage(PORT_OUT))
                .and().resideOutsideOfPackage(PORT_OUT)
                .should().resideInAPackage(ADAPTERS));
        rules.put("no_std_streams", GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS);
        rules.put("no_generic_exceptions", GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS);
        rules.put("no_java_util_logging", GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING);
        rules.put("no_package_cycles", slices().matching("org.appmsg.(**)").should().beFreeOfCycles());
        rules.put("no_load_tools_in_the_server", noClasses().should().resideInAPackage("..bench..")
                .because("the load tools are the bench module's own jar (appmsg-bench.jar); the server jar carries none"));
        return rules;
    }

    private static ArchRule confined(String library, String home) {
        return noClasses().that().resideOutsideOfPackage(home)
                .should().dependOnClassesThat().resideInAPackage(library)
                .because(library + " is an implementation detail of " + home);
    }
}
