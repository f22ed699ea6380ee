package dev.stoa.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers of STYLE.md honest. */
@AnalyzeClasses(packages = "dev.stoa.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule domainHasNoSqlOrHttp = noClasses()
            .that()
            .resideInAPackage("..agent.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.jooq..",
                    "..agent.store.jooq..",
                    "org.springframework.web..",
                    "jakarta.servlet..",
                    "io.grpc..",
                    "..agent.api..");

    @ArchTest
    static final ArchRule onlyStoreTouchesJooq = noClasses()
            .that()
            .resideOutsideOfPackages("..agent.store..", "..agent.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.jooq..");

    @ArchTest
    static final ArchRule transportsDoNotReachIntoStore = noClasses()
            .that()
            .resideInAPackage("..agent.api..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..agent.store..");
}
