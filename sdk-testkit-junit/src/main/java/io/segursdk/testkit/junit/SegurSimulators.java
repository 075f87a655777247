package io.segursdk.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the chosen simulators once for the annotated test class, on free loopback ports, with one
 * {@link io.segursdk.testkit.pki.TestPki}, and closes them after the class's last test.
 *
 * <p>Test methods, constructors and lifecycle methods receive by parameter type, and fields annotated
 * {@link SegurInject} receive by field type:
 * <ul>
 *   <li>{@link SimulatorEnvironment}, the handle on everything below;</li>
 *   <li>{@link io.segursdk.testkit.pki.TestPki};</li>
 *   <li>{@link io.segursdk.testkit.insi.InsiSimulator}, {@link io.segursdk.testkit.dmp.DmpSimulator},
 *       {@link io.segursdk.testkit.psc.PscSimulator}, {@link io.segursdk.testkit.mail.MailOperator} (which also reads
 *       what a patient's mailbox received);</li>
 *   <li>ready clients: {@link io.segursdk.ins.InsiClient} (software-certificate mode),
 *       {@link io.segursdk.dmp.DmpClient} (a test physician, direct authentication) and
 *       {@link io.segursdk.core.auth.psc.PscClient} (a registered client with a secret) and
 *       {@link io.segursdk.mssante.MssanteClient} (the test physician's mailbox, XOAUTH2).</li>
 * </ul>
 *
 * <pre>{@code
 * @SegurSimulators({Simulator.INSI, Simulator.DMP})
 * class PatientRegistrationTest {
 *     @Test
 *     void registersAQualifiedPatient(InsiClient insi, DmpClient dmp, DmpSimulator dmpService) { ... }
 * }
 * }</pre>
 *
 * <p>The software identity comes from {@link SegurSoftware} when present; every injected client can be changed by
 * {@link #customizers() customizers}. {@code @Nested} classes share their enclosing class's simulators unless they
 * carry their own annotation.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SegurSimulatorsExtension.class)
public @interface SegurSimulators {

    /**
     * @return the simulators to start; INSi, DMP and PSC unless set ({@link Simulator#MAIL} needs Dovecot and Postfix)
     */
    Simulator[] value() default {Simulator.INSI, Simulator.DMP, Simulator.PSC};

    /**
     * @return classes (with a public or package no-argument constructor) applied in order to the simulators once
     *         started and to every client the extension builds
     */
    Class<? extends ClientCustomizer>[] customizers() default {};
}
