package io.segursdk.testkit.internal.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Postfix policy delegation server (the {@code check_policy_service} protocol: name=value lines, an empty line,
 * answered by {@code action=...}) applying the MSSanté operator rules at RCPT time:
 *
 * <ul>
 *   <li>the envelope sender is the authenticated mailbox (SASL user name, or client certificate CN);</li>
 *   <li>a patient address may only write to a professional who wrote to that patient first (a conversation is the
 *       professional/patient pair, found in the patient's mailbox), and not when the professional's latest message
 *       closed the conversation with {@code X-MSS-MES: FIN};</li>
 *   <li>except towards the organisational mailboxes open to patients (pharmacies), which patients may write to
 *       first.</li>
 * </ul>
 */
public final class PolicyServer implements AutoCloseable {

    /** Text of the refusal when a patient writes first. */
    public static final String PATIENT_CANNOT_START =
            "5.7.1 A patient cannot start a conversation: only professionals can (MSSante operator rule)";
    /** Text of the refusal when the professional closed the conversation. */
    public static final String CONVERSATION_CLOSED =
            "5.7.1 The professional closed this conversation (X-MSS-MES: FIN)";
    /** Text of the refusal when the sender is not the authenticated mailbox. */
    public static final String SENDER_MISMATCH = "5.7.1 The sender address is not the authenticated mailbox";

    private final ServerSocket socket;
    private final Maildir maildir;
    private final String patientDomain;
    private final ExecutorService threads;
    private final List<String> decisions = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> openToPatients;

    /**
     * Starts listening on a free loopback port.
     *
     * @param mailRoot      the maildir root
     * @param patientDomain the patients' domain, e.g. {@code patient.mssante.fr}
     * @throws IOException if the socket cannot be opened
     */
    public PolicyServer(Path mailRoot, String patientDomain) throws IOException {
        this(mailRoot, patientDomain, java.util.Set.of());
    }

    /**
     * Starts listening on a free loopback port.
     *
     * @param mailRoot       the maildir root
     * @param patientDomain  the patients' domain, e.g. {@code patient.mssante.fr}
     * @param openToPatients organisational mailboxes patients may write to first (pharmacies receiving
     *                       prescriptions from Mon espace santé)
     * @throws IOException if the socket cannot be opened
     */
    public PolicyServer(Path mailRoot, String patientDomain, java.util.Set<String> openToPatients)
            throws IOException {
        this.openToPatients = java.util.Set.copyOf(openToPatients);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.maildir = new Maildir(mailRoot);
        this.patientDomain = patientDomain.toLowerCase(Locale.ROOT);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mail-operator-policy");
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /** @return the port Postfix must call */
    public int port() {
        return socket.getLocalPort();
    }

    /** @return the decisions taken so far, as {@code action sender -> recipient} lines */
    public List<String> decisions() {
        return List.copyOf(decisions);
    }

    /**
     * Decides on one request.
     *
     * @param request the policy attributes
     * @return the action: {@code DUNNO} or {@code REJECT text}
     */
    public String decide(Map<String, String> request) {
        String sender = request.getOrDefault("sender", "").toLowerCase(Locale.ROOT);
        String recipient = request.getOrDefault("recipient", "").toLowerCase(Locale.ROOT);
        String saslUser = request.getOrDefault("sasl_username", "").toLowerCase(Locale.ROOT);
        String certSubject = request.getOrDefault("ccert_subject", "").toLowerCase(Locale.ROOT);
        if (sender.isEmpty()) {
            return "DUNNO";
        }
        if (!saslUser.isEmpty() ? !saslUser.equals(sender) : !certSubject.isEmpty() && !certSubject.equals(sender)) {
            return "REJECT " + SENDER_MISMATCH;
        }
        if (!domain(sender).equals(patientDomain) || recipient.isEmpty() || domain(recipient).equals(patientDomain)
                || openToPatients.contains(recipient)) {
            return "DUNNO";
        }
        Optional<Map<String, String>> latest = Optional.empty();
        for (byte[] message : maildir.contents(sender)) {
            Map<String, String> headers = Maildir.headers(message);
            if (Maildir.address(headers.get("from")).filter(recipient::equals).isPresent()) {
                latest = Optional.of(headers);
            }
        }
        if (latest.isEmpty()) {
            return "REJECT " + PATIENT_CANNOT_START;
        }
        String closing = latest.get().getOrDefault("x-mss-mes", "");
        if (closing.strip().equals("FIN")) {
            return "REJECT " + CONVERSATION_CLOSED;
        }
        return "DUNNO";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // next connection
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; BufferedReader in = new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = client.getOutputStream();
            Map<String, String> request = new HashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        request.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                    continue;
                }
                String action;
                try {
                    action = decide(request);
                } catch (RuntimeException e) {
                    action = "DEFER_IF_PERMIT 4.3.0 policy service error";
                }
                decisions.add(action + " " + request.getOrDefault("sender", "") + " -> "
                        + request.getOrDefault("recipient", ""));
                out.write(("action=" + action + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                request.clear();
            }
        } catch (IOException e) {
            // Postfix closed the connection
        }
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
