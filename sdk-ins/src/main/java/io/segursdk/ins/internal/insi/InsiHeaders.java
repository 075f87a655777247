package io.segursdk.ins.internal.insi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the INSi SOAP headers ContexteLPS and ContexteBAM. Values are fresh per message (Id, Temps); the software's
 * identity (IDAM, version, installation, name) and the emitter are fixed per client.
 *
 * @param lpsVersion     the ContexteLPS Version attribute ({@code 01_00})
 * @param bamVersion     the ContexteBAM Version attribute ({@code 01_02})
 * @param idam           the software's INSi authorisation number
 * @param softwareVersion the software's version
 * @param instance       the installation id
 * @param lpsName        {@code urn:lps:<name>:<version>}
 * @param emitter        the Emetteur, or {@code null} to leave it out
 */
public record InsiHeaders(String lpsVersion, String bamVersion, String idam, String softwareVersion, String instance,
                          String lpsName, String emitter) {

    private static final DateTimeFormatter TEMPS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param instant an instant
     * @return the instant as ContexteLPS/BAM Temps: UTC with milliseconds
     */
    public static String temps(Instant instant) {
        return TEMPS.format(instant);
    }

    /**
     * @param doc the document owning the element
     * @param id  the context id (a UUID)
     * @param now the time of the message
     * @return the ContexteLPS element
     */
    public Element contexteLps(Document doc, UUID id, Instant now) {
        Element lps = doc.createElementNS(InsiNs.CTX_LPS, "ctxlps:ContexteLPS");
        lps.setAttributeNS(null, "Nature", "CTXLPS");
        lps.setAttributeNS(null, "Version", lpsVersion);
        Xml.text(lps, InsiNs.CTX_LPS, "ctxlps:Id", id.toString());
        Xml.text(lps, InsiNs.CTX_LPS, "ctxlps:Temps", temps(now));
        if (emitter != null) {
            Xml.text(lps, InsiNs.CTX_LPS, "ctxlps:Emetteur", emitter);
        }
        Element software = Xml.child(lps, InsiNs.CTX_LPS, "ctxlps:LPS");
        Element idamElement = Xml.text(software, InsiNs.CTX_LPS, "ctxlps:IDAM", idam);
        idamElement.setAttributeNS(null, "R", "4");
        Xml.text(software, InsiNs.CTX_LPS, "ctxlps:Version", softwareVersion);
        Xml.text(software, InsiNs.CTX_LPS, "ctxlps:Instance", instance);
        Xml.text(software, InsiNs.CTX_LPS, "ctxlps:Nom", lpsName);
        return lps;
    }

    /**
     * @param doc the document owning the element
     * @param id  the context id (a UUID)
     * @param now the time of the message
     * @return the ContexteBAM element with its COUVERTURE, still empty (a search by traits leaves it so)
     */
    public Element contexteBam(Document doc, UUID id, Instant now) {
        Element bam = doc.createElementNS(InsiNs.CTX_BAM, "ctxbam:ContexteBAM");
        bam.setAttributeNS(null, "Version", bamVersion);
        Xml.text(bam, InsiNs.CTX_BAM, "ctxbam:Id", id.toString());
        Xml.text(bam, InsiNs.CTX_BAM, "ctxbam:Temps", temps(now));
        if (emitter != null) {
            Xml.text(bam, InsiNs.CTX_BAM, "ctxbam:Emetteur", emitter);
        }
        Xml.child(bam, InsiNs.CTX_BAM, "ctxbam:COUVERTURE");
        return bam;
    }
}
