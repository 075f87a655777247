package io.segursdk.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The software identity ({@link io.segursdk.core.config.SoftwareInfo}) the injected clients send, on a
 * {@link SegurSimulators} test class. The INSi simulator accepts exactly {@link #insiAuthorisationNumber()}. Without
 * this annotation, the defaults below apply.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface SegurSoftware {

    /** @return the product name (LPS_Nom, the INSi {@code urn:lps:} name) */
    String productName() default "SegurTestkit";

    /** @return the product version */
    String productVersion() default "1.0.0";

    /** @return the installation id, a UUID */
    String installationId() default "00000000-0000-4000-8000-00000000c0de";

    /** @return the INSi authorisation number (IDAM); empty for none, when INSi is not started */
    String insiAuthorisationNumber() default "TESTKIT00001";

    /** @return the DMP homologation id; empty for none */
    String dmpHomologationId() default "HOMOL-TESTKIT-01";
}
