package dev.stoa.test.service;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Wires a {@link StoaServiceTest} to the shared infrastructure (registered in {@code META-INF/spring.factories}). */
public final class StoaServiceContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        StoaServiceTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, StoaServiceTest.class);
        if (test == null) {
            return null;
        }
        return new StoaServiceContextCustomizer(test.service(), database(test), test.trustsTestIssuer());
    }

    /** The database a test configuration runs its service on. */
    static String database(StoaServiceTest test) {
        return test.database().isEmpty() ? test.service() : test.database();
    }
}
