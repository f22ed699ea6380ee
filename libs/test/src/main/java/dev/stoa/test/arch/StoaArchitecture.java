package dev.stoa.test.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The layering every Stoa service follows, as ArchUnit rules for one service root package ({@code dev.stoa.<svc>}):
 *
 * <pre>
 *   api.rest   api.grpc        transports: map HTTP / gRPC to use cases, never touch storage
 *        \      /
 *         domain                use cases, rules, model; declares ports (domain.port) for all it needs
 *        /      \
 *   store        events  ...    adapters: implement the ports (jOOQ, outbox, other systems)
 * </pre>
 *
 * A service applies it in one line: {@code StoaArchitecture.check("dev.stoa.agent")}.
 */
public final class StoaArchitecture {
    private static final String SPRING_BOOT_APPLICATION =
            "org.springframework.boot.autoconfigure.SpringBootApplication";

    private StoaArchitecture() {}

    /** Imports the production classes of every {@code dev.stoa} module on the class path and checks the rules. */
    public static void check(String servicePackage) {
        // The rules look at packages only: classes outside dev.stoa need not be read (which would take seconds).
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(StoaArchitecture::handWritten)
                .importPackages("dev.stoa");
        rules(servicePackage, serviceRoots(classes)).check(classes);
    }

    /**
     * The rules for {@code servicePackage}; {@code otherServices} are the root packages of the other services (a
     * service module must not use them).
     */
    public static ArchRule rules(String servicePackage, Set<String> otherServices) {
        String root = servicePackage;
        return CompositeArchRule.of(List.of(
                        domainDependsOnNothingElseOfTheService(root),
                        domainIsFreeOfTransportAndSql(root),
                        apiNeverTouchesStore(root),
                        restAndGrpcAreIndependent(root),
                        onlyAdaptersSpeakSql(root),
                        adaptersDoNotReachIntoTransports(root),
                        noCycles(root),
                        noOtherService(root, otherServices),
                        recordsHoldingSecretsRedactThem(root),
                        classesAreFinalUnlessDesignedForExtension(root)))
                .as("the Stoa layering of " + root);
    }

    /** The core: it declares ports for what it needs and imports nothing else of the service. */
    static ArchRule domainDependsOnNothingElseOfTheService(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat(describe(
                        "are in " + root + " outside its domain",
                        (JavaClass c) -> inPackage(c, root)
                                && !inPackage(c, root + ".domain")
                                && !c.getPackageName().equals(root)))
                .because("the domain declares ports that store, events and other adapters implement");
    }

    static ArchRule domainIsFreeOfTransportAndSql(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.jooq..",
                        "java.sql..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "io.grpc..",
                        "com.google.protobuf..",
                        "dev.stoa.proto..",
                        "dev.stoa.store..",
                        "dev.stoa.events..",
                        "dev.stoa.web..",
                        "dev.stoa.grpc..")
                .because("use cases are the same whichever transport or storage carries them");
    }

    static ArchRule apiNeverTouchesStore(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".store..", "org.jooq..")
                .because("transports reach data only through the domain's use cases");
    }

    static ArchRule restAndGrpcAreIndependent(String root) {
        return CompositeArchRule.of(noClasses()
                        .that()
                        .resideInAPackage(root + ".api.rest..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(root + ".api.grpc..")
                        // A service may have one transport only (monitoring serves REST alone).
                        .allowEmptyShould(true))
                .and(noClasses()
                        .that()
                        .resideInAPackage(root + ".api.grpc..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(root + ".api.rest..")
                        .allowEmptyShould(true))
                .as("api.rest and api.grpc do not depend on each other");
    }

    static ArchRule onlyAdaptersSpeakSql(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(root + ".store..", root + ".events..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jooq..")
                .because("SQL lives in store (and the outbox writers in events)");
    }

    static ArchRule adaptersDoNotReachIntoTransports(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + ".store..", root + ".events..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".api..");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .as("the packages of " + root + " are free of cycles");
    }

    static ArchRule noOtherService(String root, Set<String> otherServices) {
        Set<String> others =
                otherServices.stream().filter(p -> !p.equals(root)).collect(Collectors.toUnmodifiableSet());
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .dependOnClassesThat(describe("belong to another service " + others, (JavaClass c) -> others.stream()
                        .anyMatch(other -> inPackage(c, other))))
                .allowEmptyShould(true)
                .because("services talk over gRPC and events, never by linking each other's code");
    }

    /** Names of record components that hold a secret: passwords, secrets, keys, tokens, one-time links. */
    static final java.util.regex.Pattern SECRET_COMPONENT =
            java.util.regex.Pattern.compile("(password|secret|key|apiKey|token|link)|.*(Password|Secret|Token)");

    /**
     * A record prints every component in its generated {@code toString}; one holding a secret declares its own, so a
     * log line or an exception message never carries the secret.
     */
    static ArchRule recordsHoldingSecretsRedactThem(String root) {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .resideInAPackage(root + "..")
                .and(describe(
                        "are records with a String component named like a secret",
                        (JavaClass c) -> c.isRecord()
                                && c.getFields().stream()
                                        .anyMatch(f -> !f.getModifiers()
                                                        .contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)
                                                && f.getRawType().isEquivalentTo(String.class)
                                                && SECRET_COMPONENT
                                                        .matcher(f.getName())
                                                        .matches())))
                .should(new com.tngtech.archunit.lang.ArchCondition<JavaClass>("declare their own toString") {
                    @Override
                    public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                        boolean declares = c.getMethods().stream()
                                .anyMatch(m -> m.getName().equals("toString")
                                        && m.getRawParameterTypes().isEmpty()
                                        && m.getOwner().equals(c));
                        if (!declares) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                    c, c.getName() + " holds a secret but prints it in the generated toString"));
                        }
                    }
                })
                .allowEmptyShould(true)
                .because("secrets never appear in logs, responses or exceptions");
    }

    /**
     * A concrete class is final unless it is designed for extension: abstract, subclassed within the code, or one
     * that Spring subclasses at run time (configuration classes, controllers, which validation may proxy, and beans
     * with transactional methods).
     */
    static ArchRule classesAreFinalUnlessDesignedForExtension(String root) {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .areTopLevelClasses()
                .and(describe(
                        "are concrete classes no code or framework extends",
                        (JavaClass c) -> !c.isInterface()
                                && !c.isEnum()
                                && !c.isRecord()
                                && !c.isAnnotation()
                                && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
                                && c.getSubclasses().isEmpty()
                                && !proxiedBySpring(c)))
                .should()
                .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .allowEmptyShould(true)
                .because("classes are final unless designed for extension (STYLE.md)");
    }

    // By name: the rules import dev.stoa only, so meta-annotations of Spring's own cannot be followed.
    private static final List<String> SUBCLASSED_BY_SPRING = List.of(
            "org.springframework.context.annotation.Configuration",
            "org.springframework.boot.autoconfigure.AutoConfiguration",
            SPRING_BOOT_APPLICATION,
            "org.springframework.stereotype.Controller",
            "org.springframework.web.bind.annotation.RestController",
            "org.springframework.validation.annotation.Validated");

    private static boolean proxiedBySpring(JavaClass c) {
        return SUBCLASSED_BY_SPRING.stream().anyMatch(c::isAnnotatedWith)
                || c.getMethods().stream()
                        .anyMatch(m -> m.isAnnotatedWith("org.springframework.transaction.annotation.Transactional"));
    }

    /** The packages of the {@code @SpringBootApplication} classes among {@code classes}: one a service. */
    static Set<String> serviceRoots(JavaClasses classes) {
        return classes.stream()
                .filter(c -> c.isAnnotatedWith(SPRING_BOOT_APPLICATION))
                .map(JavaClass::getPackageName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Leaves out generated code (protobuf messages, jOOQ tables): dependencies on it are still seen by name. */
    private static boolean handWritten(Location location) {
        return !location.contains("/dev/stoa/proto/") && !location.contains("/store/jooq/");
    }

    private static boolean inPackage(JavaClass c, String pkg) {
        String name = c.getPackageName();
        return name.equals(pkg) || name.startsWith(pkg + ".");
    }
}
