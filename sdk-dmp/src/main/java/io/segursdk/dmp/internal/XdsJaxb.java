package io.segursdk.dmp.internal;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.attachment.AttachmentMarshaller;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ProvideAndRegisterDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JAXB marshalling of the ebXML 3.0 / XDS.b messages to and from DOM, with MTOM: documents become
 * {@code xop:Include} references to attachments and are never read while marshalling.
 *
 * <p>Thread-safe: the JAXB context is immutable and created once per instance; marshallers are created per call.
 */
public final class XdsJaxb {

    private final JAXBContext context;

    /** Creates the JAXB context for the XDS.b and ebRS 3.0 messages. */
    public XdsJaxb() {
        try {
            context = JAXBContext.newInstance(ProvideAndRegisterDocumentSetRequestType.class, SubmitObjectsRequest.class,
                    AdhocQueryRequest.class, AdhocQueryResponse.class, RegistryResponseType.class,
                    org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ObjectFactory.class,
                    org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot create the XDS JAXB context", e);
        }
    }

    /**
     * Marshals a JAXB object to a new DOM element; {@code DataHandler}s become MTOM attachments.
     *
     * @param jaxbObject  the root object or JAXBElement
     * @param attachments receives the attachments the element refers to
     * @return the root element of a new document
     */
    public Element marshal(Object jaxbObject, List<MtomAttachment> attachments) {
        try {
            Document doc = newDocumentBuilderFactory().newDocumentBuilder().newDocument();
            Marshaller m = context.createMarshaller();
            m.setAttachmentMarshaller(new CollectingAttachmentMarshaller(attachments));
            m.marshal(jaxbObject, doc);
            return doc.getDocumentElement();
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("Cannot marshal the XDS message", e);
        }
    }

    /**
     * Unmarshals an element to the given type, resolving {@code xop:Include} references against attachments.
     *
     * @param node        the element
     * @param type        the declared type
     * @param attachments the attachments by Content-ID, possibly empty
     * @param <T>         the type
     * @return the unmarshalled value
     */
    public <T> T unmarshal(Node node, Class<T> type, Map<String, MtomAttachment> attachments) {
        try {
            Unmarshaller u = context.createUnmarshaller();
            u.setAttachmentUnmarshaller(new MapAttachmentUnmarshaller(attachments));
            return u.unmarshal(node, type).getValue();
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot read the XDS message", e);
        }
    }

    static DocumentBuilderFactory newDocumentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser without DOCTYPE protection", e);
        }
        return f;
    }

    /** Records every DataHandler as an attachment and writes an xop:Include to it. */
    private static final class CollectingAttachmentMarshaller extends AttachmentMarshaller {
        private final List<MtomAttachment> attachments;

        CollectingAttachmentMarshaller(List<MtomAttachment> attachments) {
            this.attachments = attachments;
        }

        @Override
        public boolean isXOPPackage() {
            return true;
        }

        @Override
        public String addMtomAttachment(DataHandler data, String elementNamespace, String elementLocalName) {
            String cid = UUID.randomUUID() + "@segursdk.io";
            DataSource source = data.getDataSource();
            attachments.add(new MtomAttachment(cid, data.getContentType(), source::getInputStream));
            return "cid:" + cid;
        }

        @Override
        public String addMtomAttachment(byte[] data, int offset, int length, String mimeType, String elementNamespace,
                                        String elementLocalName) {
            return null; // inline small binary content
        }

        @Override
        public String addSwaRefAttachment(DataHandler data) {
            throw new UnsupportedOperationException("swaRef is not used by XDS.b");
        }
    }

    /** Resolves cid: references against known attachments. */
    private static final class MapAttachmentUnmarshaller extends AttachmentUnmarshaller {
        private final Map<String, MtomAttachment> attachments;

        MapAttachmentUnmarshaller(Map<String, MtomAttachment> attachments) {
            this.attachments = attachments;
        }

        @Override
        public boolean isXOPPackage() {
            return true;
        }

        @Override
        public DataHandler getAttachmentAsDataHandler(String cid) {
            String id = cid.startsWith("cid:") ? cid.substring(4) : cid;
            MtomAttachment a = attachments.get(id);
            if (a == null) {
                throw new IllegalArgumentException("No attachment for an xop:Include reference");
            }
            return new DataHandler(new OpenerDataSource(a.content(), a.contentType()));
        }

        @Override
        public byte[] getAttachmentAsByteArray(String cid) {
            throw new UnsupportedOperationException("attachments are streamed, not read as byte arrays");
        }
    }

    /** A read-only DataSource over a content opener: nothing is read until a stream is asked for. */
    public static final class OpenerDataSource implements DataSource {
        private final MtomAttachment.ContentOpener opener;
        private final String contentType;

        /**
         * @param opener      opens the content
         * @param contentType its MIME type
         */
        public OpenerDataSource(MtomAttachment.ContentOpener opener, String contentType) {
            this.opener = opener;
            this.contentType = contentType;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return opener.open();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only content");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "document";
        }
    }

    static List<MtomAttachment> newList() {
        return new ArrayList<>();
    }
}
