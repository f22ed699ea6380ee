package dev.stoa.test.service;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** What the kit's extensions share: the test's {@link StoaServiceTest} and its running service. */
final class ServiceTests {
    private ServiceTests() {}

    static StoaServiceTest annotation(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        StoaServiceTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, StoaServiceTest.class);
        if (test == null) {
            throw new ParameterResolutionException(testClass.getName() + " is not a @StoaServiceTest");
        }
        return test;
    }

    /** The running service (started on first use, then cached by Spring for every class that shares it). */
    static ApplicationContext service(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context);
    }
}
