package io.segursdk.mssante.fuzz;

import io.segursdk.core.error.SegurException;
import io.segursdk.mssante.IncomingMessage;
import io.segursdk.mssante.XdmDocument;
import io.segursdk.mssante.XdmLimits;
import io.segursdk.mssante.XdmPackage;
import io.segursdk.mssante.internal.MimeReader;

import com.code_intelligence.jazzer.junit.FuzzTest;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Fuzz tests of what sdk-mssante reads from the network: delivery status notifications (DSN), read notifications
 * (MDN), whole received messages, and XDM archives (path traversal, zip bombs, nested zips, entry counts). Only typed
 * outcomes may come out: the SDK's {@link SegurException}s, and for message reading the {@code MessagingException} /
 * {@code IOException} that {@code MssanteClient} maps to {@code TransportException}. In the default build each replays
 * its seed corpus ({@code src/test/resources/io/segursdk/mssante/fuzz/MssanteParsersFuzzTestInputs/}); see
 * docs/security.md for a real fuzzing run.
 */
class MssanteParsersFuzzTest {

    /** Small limits, so that a fuzzer reaches them with small inputs. */
    static final XdmLimits LIMITS = new XdmLimits(16, 256 * 1024, 512 * 1024, 50);
    static final Session SESSION = Session.getInstance(new Properties());

    @FuzzTest(maxDuration = "30s")
    void deliveryStatusNotificationParsing(byte[] input) {
        readReport("delivery-status", "message/delivery-status", input);
    }

    @FuzzTest(maxDuration = "30s")
    void readNotificationParsing(byte[] input) {
        readReport("disposition-notification", "message/disposition-notification", input);
    }

    @FuzzTest(maxDuration = "30s")
    void receivedMessageParsing(byte[] input) {
        read(input);
    }

    @FuzzTest(maxDuration = "30s")
    void xdmUnzipRefusesOrReadsWithinLimits(byte[] input) {
        XdmPackage p;
        try {
            p = XdmPackage.read(new ByteArrayInputStream(input), LIMITS);
        } catch (SegurException refused) {
            return;
        }
        long total = 0;
        for (XdmDocument d : p.documents()) {
            total += d.content().length;
        }
        if (p.documents().size() > LIMITS.maxEntries() || total > LIMITS.maxTotalBytes()) {
            throw new AssertionError("an XDM archive was read beyond its limits");
        }
    }

    /** The fuzzed bytes as the machine-readable part of a multipart/report, as an operator sends it. */
    private static void readReport(String reportType, String partType, byte[] report) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(("From: MAILER-DAEMON@mssante.test\r\nTo: dr.martin@hopital.mssante.test\r\n"
                + "Subject: report\r\nMessage-ID: <r1@mssante.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=" + reportType + "; boundary=\"b0\"\r\n\r\n"
                + "--b0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nreport\r\n"
                + "--b0\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        raw.writeBytes(report);
        raw.writeBytes(("\r\n--b0\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <o1@mssante.test>\r\n"
                + "\r\n--b0--\r\n").getBytes(StandardCharsets.US_ASCII));
        read(raw.toByteArray());
    }

    private static void read(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            IncomingMessage message = MimeReader.read("INBOX", 1, m, LIMITS);
            message.deliveryStatus().ifPresent(s -> s.allDelivered());
            message.readNotification().ifPresent(n -> n.dispositionType());
        } catch (SegurException | MessagingException | IOException expected) {
            // refused with a typed error
        }
    }
}
