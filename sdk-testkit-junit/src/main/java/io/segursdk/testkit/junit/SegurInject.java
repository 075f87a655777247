package io.segursdk.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a {@link SegurSimulators} test class to receive, by its type, what the extension provides (see
 * {@link SegurSimulators}). Static fields are set before {@code @BeforeAll} methods run, instance fields as soon as
 * the test instance exists. Fields without this annotation are left alone.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SegurInject {
}
