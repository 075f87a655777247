package io.segursdk.samples.batch;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.BatchOptions;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.Operator;
import io.segursdk.ins.OperatorRole;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimulatorServer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Verifies and qualifies a CSV of patients with INSi: a progress bar while it runs, a summary, and a result CSV with
 * one row per input row, in order; rows that cannot be used are reported, never dropped.
 *
 * <p>Input columns (header line required, any order, names case-insensitive): {@code id}, {@code birthName},
 * {@code firstNames} (birth first names separated by spaces), {@code sex} ({@code F}/{@code M}), {@code birthDate}
 * ({@code YYYY-MM-DD}), {@code birthPlace} (COG code, optional), {@code ins} and {@code insOid} (optional: an INS to
 * verify rather than search), {@code identityDocument} (optional: the document checked at the desk, e.g.
 * {@code NATIONAL_IDENTITY_CARD}, which qualifies the identity).
 *
 * <p>By default INSi is the testkit's simulator, started in-process with its test identities.
 */
@Command(name = "segur-batch", mixinStandardHelpOptions = true, version = "segur-batch 0.1.0",
        description = "Verifies and qualifies a CSV of patients with INSi (the testkit's simulator, in-process).")
public final class BatchApp implements Callable<Integer> {

    private static final String AUTHORISATION = "BATCH0000001";
    private static final UUID INSTALLATION = UUID.fromString("2d0b7a4e-93c1-4a57-8f1e-4b5c9a0d6e21");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATIENTS.csv", description = "the patients to verify and qualify")
    private Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "RESULT.csv",
            description = "where to write the results (default: the input's name with .result.csv)")
    private Path output;

    @Option(names = "--concurrency", defaultValue = "2", description = "INSi calls in flight at once (default: ${DEFAULT-VALUE})")
    private int concurrency;

    @Option(names = "--rate", defaultValue = "5", description = "INSi calls started per second at most (default: ${DEFAULT-VALUE})")
    private int rate;

    @Option(names = "--operator", defaultValue = "BATCH-OPERATOR",
            description = "identifier of the staff member recording the qualifications (default: ${DEFAULT-VALUE})")
    private String operatorId;

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchApp()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<PatientRow> rows = read(spec.commandLine(), input);
        Path target = output != null ? output : defaultOutput(input);
        BatchOptions options = BatchOptions.builder()
                .concurrency(concurrency)
                .rateLimit(rate, Duration.ofSeconds(1))
                .build();
        out.println("Verifying " + rows.size() + " row(s) of " + input.getFileName() + " with INSi (simulator)");
        out.flush();

        List<RowResult> results;
        TestPki pki = TestPki.create();
        try (SimulatorServer server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build().start()) {
            InsiSimulator simulator = InsiSimulator.builder().authorisationNumber(AUTHORISATION).install(server);
            IssuedCredential structure = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
            try (InsiClient insi = InsiClient.builder()
                    .endpoint(simulator.endpoint())
                    .organisationCertificate(SoftwareCredential.of(structure.privateKey(), structure.chain()))
                    .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                    .software(SoftwareInfo.builder().productName("SegurBatch").productVersion("0.1.0")
                            .installationId(INSTALLATION).insiAuthorisationNumber(AUTHORISATION).build())
                    .build()) {
                ProgressBar bar = new ProgressBar(err, rows.size());
                results = new PatientBatch(insi, options, new Operator(OperatorRole.DELEGATED_STAFF, operatorId),
                        Clock.systemUTC()).run(rows, bar::update);
                bar.finish();
            }
        }
        write(target, results);
        return summary(out, results, target);
    }

    /**
     * Reads the file: the header, then one row per non-blank line.
     *
     * @throws CommandLine.ParameterException when the file is empty or its header lacks a required column
     */
    static List<PatientRow> read(CommandLine cli, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new CommandLine.ParameterException(cli, file + " is empty");
        }
        Map<String, Integer> header = new HashMap<>();
        List<String> names = Csv.parseLine(stripBom(lines.get(0)));
        for (int i = 0; i < names.size(); i++) {
            header.put(names.get(i).toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("birthName", "firstNames", "sex", "birthDate")) {
            if (!header.containsKey(required.toLowerCase(Locale.ROOT))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandLine.ParameterException(cli,
                    file.getFileName() + ": the header lacks the column(s) " + missing + "; expected "
                            + PatientRow.COLUMNS);
        }
        List<PatientRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(PatientRow.parse(i + 1, lines.get(i), header));
            }
        }
        return rows;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static Path defaultOutput(Path in) {
        String name = in.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return in.resolveSibling(base + ".result.csv");
    }

    static void write(Path file, List<RowResult> results) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(Csv.line(RowResult.HEADER));
            w.newLine();
            for (RowResult r : results) {
                w.write(Csv.line(r.fields()));
                w.newLine();
            }
        }
    }

    /** Prints counts and the rows not done (line numbers and reasons only: no patient data on the terminal). */
    private static int summary(PrintWriter out, List<RowResult> results, Path target) {
        Map<RowResult.Status, Integer> counts = new EnumMap<>(RowResult.Status.class);
        for (RowResult r : results) {
            counts.merge(r.status(), 1, Integer::sum);
        }
        out.println("Summary: " + results.size() + " row(s)");
        for (RowResult.Status s : RowResult.Status.values()) {
            out.printf(Locale.ROOT, "  %-10s %d%n", s, counts.getOrDefault(s, 0));
        }
        for (RowResult r : results) {
            if (r.status() == RowResult.Status.INVALID || r.status() == RowResult.Status.ERROR) {
                out.println("  line " + r.line() + ": " + r.status() + " - " + r.detail());
            }
        }
        out.println("Results: " + target);
        out.flush();
        return counts.getOrDefault(RowResult.Status.ERROR, 0) + counts.getOrDefault(RowResult.Status.CANCELLED, 0) > 0
                ? 1 : 0;
    }
}
