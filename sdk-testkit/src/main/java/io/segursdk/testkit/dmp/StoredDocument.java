package io.segursdk.testkit.dmp;

import java.nio.file.Path;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** One version of a document entry held by the simulator. Guarded by the simulator's lock. */
final class StoredDocument {
    String entryUuid;
    final java.time.Instant stored = java.time.Instant.now();
    String lid;
    int version;
    String status;
    String uniqueId;
    String mimeType;
    String authorId;
    String submitterStructure;
    String submitterMode;
    String symbolicId;
    boolean replacedByUpdate;
    Element metadata;
    Path content;
    long size;
    String hash;

    StoredDocument copy() {
        StoredDocument c = new StoredDocument();
        c.lid = lid;
        c.uniqueId = uniqueId;
        c.mimeType = mimeType;
        c.authorId = authorId;
        c.submitterStructure = submitterStructure;
        c.submitterMode = submitterMode;
        c.content = content;
        c.size = size;
        c.hash = hash;
        return c;
    }

    Set<String> codes() {
        return DmpSimulator.confidentialityCodes(metadata);
    }

    /** @return the entry as the registry returns it: its ids, status, version and repository slots */
    Element render() {
        Element eo = DmpSimulator.detach(metadata);
        Document doc = eo.getOwnerDocument();
        String oldId = eo.getAttribute("id");
        eo.setAttribute("id", entryUuid);
        eo.setAttribute("lid", lid);
        eo.setAttribute("status", status);
        eo.setAttribute("objectType", "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1");
        for (Element e : DmpSimulator.children(eo)) {
            String name = e.getLocalName();
            if ("Slot".equals(name) && Set.of("repositoryUniqueId", "size", "hash").contains(e.getAttribute("name"))) {
                eo.removeChild(e);
            } else if ("VersionInfo".equals(name)) {
                eo.removeChild(e);
            } else if ("Classification".equals(name) && oldId.equals(e.getAttribute("classifiedObject"))
                    || "Classification".equals(name)) {
                e.setAttribute("classifiedObject", entryUuid);
            } else if ("ExternalIdentifier".equals(name)) {
                e.setAttribute("registryObject", entryUuid);
            }
        }
        Element firstChild = DmpSimulator.children(eo).isEmpty() ? null : DmpSimulator.children(eo).get(0);
        for (String[] slot : new String[][] {{"hash", hash}, {"repositoryUniqueId", DmpSimulator.REPOSITORY_ID},
                {"size", String.valueOf(size)}}) {
            Element s = doc.createElementNS(DmpSimulator.RIM, "rim:Slot");
            s.setAttribute("name", slot[0]);
            Element vl = doc.createElementNS(DmpSimulator.RIM, "rim:ValueList");
            Element v = doc.createElementNS(DmpSimulator.RIM, "rim:Value");
            v.setTextContent(slot[1]);
            vl.appendChild(v);
            s.appendChild(vl);
            eo.insertBefore(s, firstChild);
        }
        Element version = doc.createElementNS(DmpSimulator.RIM, "rim:VersionInfo");
        version.setAttribute("versionName", String.valueOf(version()));
        Element anchor = null;
        for (Element e : DmpSimulator.children(eo)) {
            if ("Classification".equals(e.getLocalName()) || "ExternalIdentifier".equals(e.getLocalName())) {
                anchor = e;
                break;
            }
        }
        eo.insertBefore(version, anchor);
        doc.normalizeDocument();
        return eo;
    }

    private int version() {
        return version;
    }
}
