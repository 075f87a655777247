package io.segursdk.testkit.junit;

import io.segursdk.core.auth.psc.PscClient;
import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.dmp.DmpClient;
import io.segursdk.ins.InsiClient;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.mail.MailOperator;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.PscSimulator;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link SegurSimulators}: one {@link SimulatorEnvironment} per annotated test class,
 * created when the class (or its first instance) needs it and closed after the class's last test. Registered by the
 * annotation; vendors do not use this class directly.
 */
public final class SegurSimulatorsExtension
        implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SegurSimulatorsExtension.class);
    private static final String KEY = "environment";

    /** What can be injected, by type. */
    private static final Map<Class<?>, Function<SimulatorEnvironment, Object>> INJECTABLE = Map.of(
            SimulatorEnvironment.class, env -> env,
            TestPki.class, SimulatorEnvironment::pki,
            InsiSimulator.class, SimulatorEnvironment::insiSimulator,
            DmpSimulator.class, SimulatorEnvironment::dmpSimulator,
            PscSimulator.class, SimulatorEnvironment::pscSimulator,
            InsiClient.class, SimulatorEnvironment::insiClient,
            DmpClient.class, SimulatorEnvironment::dmpClient,
            PscClient.class, SimulatorEnvironment::pscClient,
            MailOperator.class, SimulatorEnvironment::mailOperator,
            MssanteClient.class, SimulatorEnvironment::mssanteClient);

    /** Creates the extension (JUnit does, from {@link SegurSimulators}). */
    public SegurSimulatorsExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SimulatorEnvironment env = environment(context);
        for (Field field : injectedFields(context.getRequiredTestClass(), true)) {
            set(field, null, env);
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        SimulatorEnvironment env = environment(context);
        for (Field field : injectedFields(testInstance.getClass(), false)) {
            set(field, testInstance, env);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (owner(context) == context) {
            SimulatorEnvironment env = context.getStore(NAMESPACE).remove(KEY, SimulatorEnvironment.class);
            if (env != null) {
                env.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return INJECTABLE.get(parameter.getParameter().getType()).apply(environment(context));
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(parameter.getParameter() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- internals

    /** The environment of the context's owning class, created and started on first use. */
    private static SimulatorEnvironment environment(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        SimulatorSettings settings = settings(owner.getRequiredTestClass());
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> {
            SimulatorEnvironment env = new SimulatorEnvironment(settings.simulators, settings.software,
                    settings.customizers);
            env.start();
            return env;
        }, SimulatorEnvironment.class);
    }

    /**
     * The class-level context whose test class carries {@link SegurSimulators}: the nearest one, so that a
     * {@code @Nested} class without the annotation shares its enclosing class's environment.
     */
    private static ExtensionContext owner(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext candidate = c.get();
            if (candidate.getTestMethod().isEmpty() && candidate.getTestClass().isPresent()
                    && AnnotationSupport.isAnnotated(candidate.getTestClass().get(), SegurSimulators.class)) {
                return candidate;
            }
        }
        throw new ExtensionConfigurationException("SegurSimulatorsExtension needs @SegurSimulators on the test class"
                + " or an enclosing class");
    }

    private record SimulatorSettings(List<Simulator> simulators, SoftwareInfo software,
                                     List<ClientCustomizer> customizers) {
    }

    private static SimulatorSettings settings(Class<?> testClass) {
        SegurSimulators annotation = AnnotationSupport.findAnnotation(testClass, SegurSimulators.class).orElseThrow();
        List<ClientCustomizer> customizers = new ArrayList<>();
        for (Class<? extends ClientCustomizer> type : annotation.customizers()) {
            try {
                customizers.add(ReflectionSupport.newInstance(type));
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException("cannot create the customizer " + type.getName()
                        + " (it needs a no-argument constructor)", e);
            }
        }
        return new SimulatorSettings(Arrays.asList(annotation.value()), software(testClass), customizers);
    }

    /** Carries the annotation's defaults, for classes without {@link SegurSoftware}. */
    @SegurSoftware
    private static final class Defaults {
    }

    private static SoftwareInfo software(Class<?> testClass) {
        SegurSoftware declared = AnnotationSupport.findAnnotation(testClass, SegurSoftware.class)
                .orElseGet(() -> Defaults.class.getAnnotation(SegurSoftware.class));
        String insi = declared.insiAuthorisationNumber();
        String dmp = declared.dmpHomologationId();
        try {
            SoftwareInfo.Builder b = SoftwareInfo.builder()
                    .productName(declared.productName())
                    .productVersion(declared.productVersion())
                    .installationId(UUID.fromString(declared.installationId()));
            if (!insi.isEmpty()) {
                b.insiAuthorisationNumber(insi);
            }
            if (!dmp.isEmpty()) {
                b.dmpHomologationId(dmp);
            }
            return b.build();
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("@SegurSoftware on " + testClass.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<Field> injectedFields(Class<?> testClass, boolean statics) {
        return AnnotationSupport.findAnnotatedFields(testClass, SegurInject.class,
                f -> Modifier.isStatic(f.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN);
    }

    private static void set(Field field, Object target, SimulatorEnvironment env) {
        Function<SimulatorEnvironment, Object> value = INJECTABLE.get(field.getType());
        if (value == null) {
            throw new ExtensionConfigurationException("@SegurInject " + field + ": cannot inject a "
                    + field.getType().getSimpleName() + " (one of " + INJECTABLE.keySet().stream()
                    .map(Class::getSimpleName).sorted().toList() + ")");
        }
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException("@SegurInject " + field + ": the field must not be final");
        }
        try {
            field.setAccessible(true);
            field.set(target, value.apply(env));
        } catch (IllegalStateException e) {
            throw new ExtensionConfigurationException("@SegurInject " + field + ": " + e.getMessage(), e);
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("@SegurInject " + field + ": not accessible", e);
        }
    }
}
