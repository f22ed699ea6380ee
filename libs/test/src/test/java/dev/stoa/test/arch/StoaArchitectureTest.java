package dev.stoa.test.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule passes a service laid out right and names the offending class of one that is not. */
class StoaArchitectureTest {
    private static final String GOOD = "dev.stoa.archfixture.good";
    private static final String BAD = "dev.stoa.archfixture.bad";
    private static final JavaClasses CLASSES = importFixtures();
    private static final Set<String> SERVICES = StoaArchitecture.serviceRoots(CLASSES);

    @Test
    void findsTheServicesByTheirApplicationClass() {
        assertThat(SERVICES).containsExactlyInAnyOrder(GOOD, BAD);
    }

    @Test
    void aWellLayeredServicePassesEveryRule() {
        assertThat(StoaArchitecture.rules(GOOD, SERVICES).evaluate(CLASSES).hasViolation())
                .isFalse();
    }

    @Test
    void domainImportingItsStoreFails() {
        assertThat(violations(StoaArchitecture.domainDependsOnNothingElseOfTheService(BAD)))
                .contains("bad.domain.Things")
                .contains("bad.store.ThingStore");
    }

    @Test
    void domainUsingJooqFails() {
        assertThat(violations(StoaArchitecture.domainIsFreeOfTransportAndSql(BAD)))
                .contains("bad.domain.Things")
                .contains("org.jooq.DSLContext");
    }

    @Test
    void apiImportingStoreFails() {
        assertThat(violations(StoaArchitecture.apiNeverTouchesStore(BAD)))
                .contains("bad.api.rest.ThingController")
                .contains("bad.store.ThingStore");
    }

    @Test
    void restDependingOnGrpcFails() {
        assertThat(violations(StoaArchitecture.restAndGrpcAreIndependent(BAD)))
                .contains("bad.api.grpc.ThingGrpcService");
    }

    @Test
    void sqlOutsideTheAdaptersFails() {
        assertThat(violations(StoaArchitecture.onlyAdaptersSpeakSql(BAD)))
                .contains("bad.api.grpc.ThingGrpcService")
                .contains("bad.domain.Things");
    }

    @Test
    void storeImportingATransportFails() {
        assertThat(violations(StoaArchitecture.adaptersDoNotReachIntoTransports(BAD)))
                .contains("bad.store.ThingStore");
    }

    @Test
    void packageCycleFails() {
        assertThat(violations(StoaArchitecture.noCycles(BAD))).contains("Cycle detected");
    }

    @Test
    void usingAnotherServicesCodeFails() {
        assertThat(violations(StoaArchitecture.noOtherService(BAD, SERVICES)))
                .contains("bad.domain.Things")
                .contains("good.domain.Things");
    }

    private static JavaClasses importFixtures() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().importPackages("dev.stoa.archfixture");
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(CLASSES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
