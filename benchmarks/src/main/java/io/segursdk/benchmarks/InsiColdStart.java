package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Run in a fresh JVM: loads the signature credential (PKCS#12), builds a caller, makes one INSi search, and prints the
 * wall-clock time at which that first call completed, for the parent to subtract the time it launched this JVM.
 * With {@code -Dbench.phases=true} it first does each step of the call on its own (XML, one assertion signed, one TLS
 * handshake) and prints when each ended, to show where the time goes.
 */
public final class InsiColdStart {

    private InsiColdStart() {
    }

    /** CPU time per kind of thread (main, JIT compilers, GC...), from /proc on Linux; empty elsewhere. */
    private static String threadCpu() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        long tick = 10; // ms per clock tick (USER_HZ 100 on Linux)
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(t.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[0-9#]+$", "").trim().replace(' ', '_');
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                byName.merge(name, ms, Long::sum);
            }
        } catch (Exception e) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .forEach(e -> sb.append(e.getKey()).append('=').append(e.getValue()).append(' '));
        return sb.toString().trim();
    }

    /**
     * @param args mode, endpoint, directory written by {@link InsiScenario#writeFiles(Path)}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        long main = System.currentTimeMillis();
        boolean phases = Boolean.getBoolean("bench.phases");
        InsiCallers.Mode mode = InsiCallers.Mode.valueOf(args[0]);
        URI endpoint = URI.create(args[1]);
        Path dir = Path.of(args[2]);
        X509Certificate root;
        try (InputStream in = Files.newInputStream(dir.resolve("root.der"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        SoftwareCredential signer = SoftwareCredential.fromPkcs12(dir.resolve("signer.p12"), InsiScenario.PASSWORD);
        long credentials = System.currentTimeMillis();
        StringBuilder steps = new StringBuilder();
        if (phases) {
            io.segursdk.core.xml.SecureXml.instance().newDocument();
            steps.append(" xml=").append(System.currentTimeMillis());
            InsiCallers.assertionPs(signer);
            steps.append(" sign=").append(System.currentTimeMillis());
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("root", root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(endpoint.getHost(),
                    endpoint.getPort())) {
                s.startHandshake();
            }
            steps.append(" tls=").append(System.currentTimeMillis());
        }
        byte[] template = mode == InsiCallers.Mode.RAW ? Files.readAllBytes(dir.resolve("request.xml")) : null;
        try (Callers.Caller caller = InsiCallers.create(mode, endpoint, signer,
                TlsOptions.builder().addTrustAnchor(root).build(), template)) {
            long built = System.currentTimeMillis();
            caller.call();
            long done = System.currentTimeMillis();
            // read after the timestamp: loading the management classes is not part of the measure
            long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            int classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("FIRST_CALL_DONE " + done + " " + cpu + " " + classes);
            System.out.println("PHASES vmstart=" + start + " main=" + main + " credentials=" + credentials + steps
                    + " built=" + built + " done=" + done);
            if (phases) {
                System.out.println("THREADS " + threadCpu());
            }
            System.out.flush();
        }
        System.exit(0);
    }
}
