package io.segursdk.docs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, held by ArchUnit over the library's main classes (tests excluded).
 *
 * <ul>
 *   <li>Dependencies point one way: business modules to core; {@code ins} to nobody but core; {@code dmp} and
 *       {@code mssante} may use {@code ins}; the card module uses only core; the {@code outbox} engine uses only core, its service
 *       adapters ({@code outbox.dmp}, {@code outbox.mssante}) their own service module (an optional dependency), and
 *       no other module ({@code core}, {@code ins}, {@code dmp}, {@code mssante}, {@code cardreader}, {@code testkit})
 *       depends on the outbox. {@code testkit} depends on no SDK module, so its simulators check the SDK's output
 *       independently. {@code testkit.junit} (the JUnit extension, its own module) may use every client module; no
 *       module uses it.</li>
 *   <li>A module's {@code internal} packages are used by that module only: modules are versioned independently,
 *       so what one module uses of another must be public, stable API.</li>
 *   <li>No CXF, JAXB, IPF or Jakarta Mail type in a public signature of a public package.</li>
 *   <li>No global state: no {@code System.setProperty}, no static mutable fields; JVM-wide security providers are
 *       registered by the card module's one registry class only.</li>
 * </ul>
 */
class ArchitectureTest {

    private static final String TESTKIT_JUNIT = "io.segursdk.testkit.junit..";

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.segursdk.core", "io.segursdk.testkit", "io.segursdk.cardreader",
                        "io.segursdk.ins", "io.segursdk.dmp", "io.segursdk.mssante", "io.segursdk.outbox");
    }

    private static void noDependency(String from, String... to) {
        noClasses().that().resideInAPackage(from).should().dependOnClassesThat().resideInAnyPackage(to)
                .allowEmptyShould(true).check(library);
    }

    @Test
    void coreDependsOnNoBusinessModule() {
        noDependency("io.segursdk.core..", "io.segursdk.ins..", "io.segursdk.dmp..", "io.segursdk.mssante..",
                "io.segursdk.cardreader..", "io.segursdk.testkit..", "io.segursdk.outbox..");
    }

    @Test
    void businessModulesDependOnlyDownward() {
        noDependency("io.segursdk.ins..", "io.segursdk.dmp..", "io.segursdk.mssante..", "io.segursdk.cardreader..");
        noDependency("io.segursdk.cardreader..", "io.segursdk.ins..", "io.segursdk.dmp..", "io.segursdk.mssante..");
        noDependency("io.segursdk.dmp..", "io.segursdk.mssante..", "io.segursdk.cardreader..");
        noDependency("io.segursdk.mssante..", "io.segursdk.dmp..", "io.segursdk.cardreader..");
        noClasses().that().resideInAPackage("io.segursdk.testkit..")
                .and().resideOutsideOfPackage(TESTKIT_JUNIT)
                .should().dependOnClassesThat().resideInAnyPackage("io.segursdk.core..", "io.segursdk.ins..",
                        "io.segursdk.dmp..", "io.segursdk.mssante..", "io.segursdk.cardreader..",
                        "io.segursdk.outbox..")
                .check(library);
        // The outbox engine uses core only; its service adapters (io.segursdk.outbox.dmp, .mssante) may use their
        // service module (an optional dependency), never the reverse.
        noClasses().that().resideInAPackage("io.segursdk.outbox..")
                .and().resideOutsideOfPackages("io.segursdk.outbox.dmp..", "io.segursdk.outbox.mssante..")
                .should().dependOnClassesThat().resideInAnyPackage("io.segursdk.ins..", "io.segursdk.dmp..",
                        "io.segursdk.mssante..")
                .allowEmptyShould(true).check(library);
        noDependency("io.segursdk.outbox.dmp..", "io.segursdk.mssante..", "io.segursdk.outbox.mssante..");
        noDependency("io.segursdk.outbox.mssante..", "io.segursdk.dmp..", "io.segursdk.outbox.dmp..");
        noDependency("io.segursdk.outbox..", "io.segursdk.cardreader..", "io.segursdk.testkit..");
        noDependency("io.segursdk.core..", "io.segursdk.outbox..");
        noDependency("io.segursdk.ins..", "io.segursdk.outbox..");
        noDependency("io.segursdk.dmp..", "io.segursdk.outbox..");
        noDependency("io.segursdk.mssante..", "io.segursdk.outbox..");
        noDependency("io.segursdk.cardreader..", "io.segursdk.outbox..");
        noDependency("io.segursdk.testkit..", "io.segursdk.outbox..");
    }

    @Test
    void nothingDependsOnTheJUnitExtension() {
        noClasses().that().resideOutsideOfPackage(TESTKIT_JUNIT)
                .should().dependOnClassesThat().resideInAPackage(TESTKIT_JUNIT)
                .because("sdk-testkit-junit is for vendors' tests: only samples and docs use it")
                .check(library);
        noClasses().that().resideInAPackage(TESTKIT_JUNIT)
                .should().dependOnClassesThat().resideInAPackage("io.segursdk.testkit.internal..")
                .because("the extension is versioned on its own: it uses the testkit's public API only")
                .check(library);
    }

    @Test
    void internalPackagesAreUsedByTheirOwnModuleOnly() {
        for (String module : List.of("core", "testkit", "cardreader", "ins", "dmp", "mssante", "outbox",
                "testkit.junit")) {
            noClasses().that().resideOutsideOfPackage("io.segursdk." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.segursdk." + module + ".internal..")
                    .allowEmptyShould(true)
                    .because("modules are versioned independently: only public API is shared")
                    .check(library);
        }
    }

    @Test
    void publicSignaturesExposeNoImplementationLibrary() {
        publicSignatureRule().check(library);
    }

    /** No CXF/JAXB/IPF/Jakarta Mail/JAX-WS/SAAJ/Jetty type in a public or protected signature of a public API class. */
    static ArchRule publicSignatureRule() {
        Set<String> forbidden = Set.of("org.apache.cxf", "jakarta.xml.bind", "javax.xml.bind", "org.glassfish.jaxb",
                "org.openehealth.ipf", "jakarta.mail", "org.eclipse.angus", "jakarta.xml.ws", "jakarta.xml.soap",
                "org.eclipse.jetty", "com.nimbusds", "org.apache.hc", "com.fasterxml.jackson");
        ArchCondition<JavaCodeUnit> exposeNothingForbidden = new ArchCondition<>("expose no CXF/JAXB/IPF/Jakarta Mail type") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
                types.add(unit.getReturnType());
                types.addAll(unit.getExceptionTypes());
                for (JavaType type : types) {
                    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
                        if (forbidden.stream().anyMatch(p -> raw.getPackageName().startsWith(p))) {
                            events.add(SimpleConditionEvent.violated(unit,
                                    unit.getFullName() + " exposes " + raw.getName()));
                        }
                    }
                }
            }
        };
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits()
                .that().arePublic().or().areProtected()
                .and().areDeclaredInClassesThat(publicApiClass())
                .should(exposeNothingForbidden);
    }

    @Test
    void noSystemPropertiesAreSet() {
        systemPropertyRule().check(library);
    }

    /** No JVM-wide property is set. */
    static ArchRule systemPropertyRule() {
        return noClasses().that().resideInAPackage("io.segursdk..")
                .should().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "clearProperty", String.class)
                .orShould().callMethod(System.class, "setProperties", java.util.Properties.class)
                .orShould().callMethod(Security.class, "setProperty", String.class, String.class);
    }

    @Test
    void securityProvidersAreRegisteredInOneClassOnly() {
        ArchRule rule = noClasses().that().resideInAPackage("io.segursdk..")
                .and().doNotHaveFullyQualifiedName("io.segursdk.cardreader.internal.ProviderRegistry")
                .should().callMethod(Security.class, "addProvider", java.security.Provider.class)
                .orShould().callMethod(Security.class, "insertProviderAt", java.security.Provider.class, int.class)
                .orShould().callMethod(Security.class, "removeProvider", String.class)
                .because("JSSE needs the card's PKCS#11 provider installed; nothing else may change JVM-wide providers");
        rule.check(library);
    }

    @Test
    void noStaticMutableFields() {
        staticFieldRule().check(library);
        // Final static collections must not be mutated either: they are created unmodifiable (List.of, Map.of).
        fields().that().areDeclaredInClassesThat().resideInAPackage("io.segursdk..")
                .and().areStatic().and(rawTypeIn(java.util.ArrayList.class, java.util.HashMap.class,
                        java.util.HashSet.class, java.util.LinkedList.class, java.util.TreeMap.class))
                .should().notBeStatic()
                .allowEmptyShould(true)
                .check(library);
    }

    /** Static fields are final. */
    static ArchRule staticFieldRule() {
        return fields().that().areDeclaredInClassesThat().resideInAPackage("io.segursdk..")
                .and().areStatic()
                .should().beFinal()
                .because("the SDK keeps no global state: one JVM serves many professionals and structures");
    }

    private static DescribedPredicate<JavaClass> publicApiClass() {
        return DescribedPredicate.describe("public classes of public (non-internal) packages",
                c -> c.getModifiers().contains(JavaModifier.PUBLIC) && !c.getPackageName().contains(".internal"));
    }

    private static DescribedPredicate<JavaField> rawTypeIn(Class<?>... types) {
        return DescribedPredicate.describe("of a mutable collection type", f -> {
            for (Class<?> t : types) {
                if (f.getRawType().isEquivalentTo(t)) {
                    return true;
                }
            }
            return false;
        });
    }
}
