package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.BatchEntryResult;
import io.segursdk.ins.BatchOptions;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiResult;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM: qualifies {@code n} identities through {@link InsiClient#searchAll} with a rate limit, and
 * prints the time taken, the number of results, how many succeeded and the peak heap.
 */
public final class InsiBatchRun {

    private InsiBatchRun() {
    }

    /**
     * @param args endpoint, directory written by {@link InsiScenario#writeFiles(Path)}, number of identities, calls
     *             per second allowed, concurrency
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path dir = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        X509Certificate root;
        try (InputStream in = Files.newInputStream(dir.resolve("root.der"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        SoftwareCredential signer = SoftwareCredential.fromPkcs12(dir.resolve("signer.p12"), InsiScenario.PASSWORD);
        // the simulator's built-in personas, one first name each: one call per identity
        IdentityTraits[] people = {
            InsiScenario.traits(),
            IdentityTraits.builder().birthName("SANTUCCI-ORSO").birthFirstNames("LIVIA").sex("F")
                    .birthDate("1990-08-21").build(),
            IdentityTraits.builder().birthName("INCONNU").birthFirstNames("PERSONNE").sex("M")
                    .birthDate("1950-01-01").build(),
        };
        List<IdentityTraits> traits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            traits.add(people[i % people.length]);
        }
        long took;
        List<BatchEntryResult<InsiResult>> results;
        try (InsiClient client = InsiScenario.client(endpoint, signer,
                TlsOptions.builder().addTrustAnchor(root).build())) {
            long t0 = System.nanoTime();
            results = client.searchAll(traits, BatchOptions.builder().concurrency(concurrency)
                    .rateLimit(rate, Duration.ofSeconds(1)).build()).await();
            took = (System.nanoTime() - t0) / 1_000_000;
        }
        long ok = results.stream().filter(BatchEntryResult::isSuccess).count();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("BATCH_DONE " + took + " " + results.size() + " " + ok + " " + peak / (1024 * 1024));
        System.exit(0);
    }
}
