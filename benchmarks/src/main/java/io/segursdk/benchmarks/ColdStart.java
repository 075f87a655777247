package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Run in a fresh JVM: loads the credentials, builds a caller, makes one call, and prints the wall-clock time at which
 * that first call completed, for the parent to subtract the time it launched this JVM.
 */
public final class ColdStart {

    private ColdStart() {
    }

    /**
     * @param args mode, endpoint, directory written by {@link Scenario#writeFiles(Path)}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Callers.Mode mode = Callers.Mode.valueOf(args[0]);
        URI endpoint = URI.create(args[1]);
        Path dir = Path.of(args[2]);
        X509Certificate root;
        try (InputStream in = Files.newInputStream(dir.resolve("root.der"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        try (Callers.Caller caller = Callers.create(mode, endpoint,
                SoftwareCredential.fromPkcs12(dir.resolve("tls.p12"), Scenario.PASSWORD),
                SoftwareCredential.fromPkcs12(dir.resolve("signer.p12"), Scenario.PASSWORD),
                TlsOptions.builder().addTrustAnchor(root).build())) {
            caller.call();
            long done = System.currentTimeMillis();
            // read after the timestamp: loading the management classes is not part of the measure
            long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            int classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            System.out.println("FIRST_CALL_DONE " + done + " " + cpu + " " + classes);
            System.out.flush();
        }
        System.exit(0);
    }
}
