package dev.stoa.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers of STYLE.md honest. */
@AnalyzeClasses(packages = "dev.stoa.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule domainHasNoSqlOrHttp = noClasses()
            .that()
            .resideInAPackage("..identity.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.jooq..",
                    "..identity.store.jooq..",
                    "org.springframework.web..",
                    "jakarta.servlet..",
                    "io.grpc..");

    @ArchTest
    static final ArchRule onlyStoreTouchesJooq = noClasses()
            .that()
            .resideOutsideOfPackages("..identity.store..", "..identity.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.jooq..");

    @ArchTest
    static final ArchRule transportsDoNotReachIntoStore = noClasses()
            .that()
            .resideInAPackage("..identity.api..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..identity.store.jooq..");
}
