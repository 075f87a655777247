package io.segursdk.core.internal.soap;

import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.internal.logging.WireLogger;
import io.segursdk.core.internal.tls.TlsContexts;
import io.segursdk.core.soap.SoapAttachment;
import io.segursdk.core.soap.SoapFault;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.soap.AttachmentPart;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.soap.SOAPPart;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.WebServiceFeature;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.AddressingFeature;
import jakarta.xml.ws.soap.MTOMFeature;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;

import org.apache.cxf.Bus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPException;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.w3c.dom.Element;

/**
 * The SOAP transport on Apache CXF: a JAX-WS {@code Dispatch<SOAPMessage>} in MESSAGE mode (so that headers,
 * {@code wsse:Security} and MTOM parts are placed exactly), SOAP 1.2, WS-Addressing, optional MTOM, over CXF's
 * HTTP conduit with the client's own TLS context. One private CXF {@link Bus} per transport; the JVM-wide default
 * bus is never left pointing at it.
 */
public final class CxfSoapTransport implements SoapTransport {

    /** The WS-Security 1.0 secext namespace. */
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    private static final String PROCESS_FAULT_ON_400 = "org.apache.cxf.transport.process_fault_on_http_400";
    private static final QName SERVICE = new QName("urn:segursdk:soap", "SoapService");
    private static final QName PORT = new QName("urn:segursdk:soap", "SoapPort");

    private final SoapTransportConfig config;
    private static final Logger LOG = LoggerFactory.getLogger(CxfSoapTransport.class);

    /** Logs CXF's fault unwinding at DEBUG, by exception type only (messages may quote the payload). */
    private static final FaultListener QUIET_FAULTS = (exception, description, message) -> {
        if (LOG.isDebugEnabled()) {
            LOG.debug("CXF interceptor chain unwound: {} ({})", description, exception.getClass().getName());
        }
        return false;
    };

    private final Bus bus;
    private final Dispatch<SOAPMessage> dispatch;
    private final MessageFactory messageFactory;
    private final WireLogger wire;
    private final String endpointText;

    /**
     * @param config the validated configuration
     */
    public CxfSoapTransport(SoapTransportConfig config) {
        this.config = config;
        this.endpointText = config.endpoint().toString();
        this.wire = new WireLogger(config.service(), config.redactor());
        SSLContext ssl = TlsContexts.sslContext(config.credential(), config.tls());
        SSLParameters params = TlsContexts.sslParameters(ssl, config.tls());
        try {
            this.messageFactory = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL);
        } catch (SOAPException e) {
            throw new IllegalStateException("SAAJ is not available (saaj-impl missing from the class path?)", e);
        }
        Bus previous = BusFactory.getThreadDefaultBus(false);
        Bus created = null;
        try {
            created = new CXFBusFactory().createBus();
            // A fault from the service is an expected outcome that the caller receives as a typed exception: keep
            // CXF from logging it as a WARN with a stack trace (per bus, so nothing changes outside this client).
            created.setProperty(FaultListener.class.getName(), QUIET_FAULTS);
            BusFactory.setThreadDefaultBus(created);
            Service service = Service.create(SERVICE);
            service.addPort(PORT, SOAPBinding.SOAP12HTTP_BINDING, endpointText);
            List<WebServiceFeature> features = new ArrayList<>();
            features.add(new AddressingFeature(true, true));
            if (config.mtom()) {
                features.add(new MTOMFeature(true));
            }
            Dispatch<SOAPMessage> d = service.createDispatch(PORT, SOAPMessage.class, Service.Mode.MESSAGE,
                    features.toArray(new WebServiceFeature[0]));
            d.getRequestContext().put("thread.local.request.context", "true");
            ((SOAPBinding) d.getBinding()).setMTOMEnabled(config.mtom());
            Client client = ((DispatchImpl<?>) d).getClient();
            HTTPConduit conduit = (HTTPConduit) client.getConduit();
            TLSClientParameters tls = new TLSClientParameters();
            tls.setSslContext(ssl);
            tls.setDisableCNCheck(false);
            tls.setCipherSuites(List.of(params.getCipherSuites()));
            if (params.getProtocols().length == 1) {
                tls.setSecureSocketProtocol(params.getProtocols()[0]);
            }
            conduit.setTlsClientParameters(tls);
            HTTPClientPolicy policy = new HTTPClientPolicy();
            policy.setConnectionTimeout(config.timeouts().connect().toMillis());
            policy.setReceiveTimeout(config.timeouts().read().toMillis());
            policy.setAllowChunking(true);
            policy.setAutoRedirect(false);
            conduit.setClient(policy);
            client.getInInterceptors().add(new ResponseLimit(config.maxResponseBytes()));
            this.dispatch = d;
            this.bus = created;
        } catch (RuntimeException e) {
            if (created != null) {
                created.shutdown(false);
            }
            throw e;
        } finally {
            BusFactory.setThreadDefaultBus(previous);
            if (created != null && BusFactory.getDefaultBus(false) == created) {
                BusFactory.setDefaultBus(null);
            }
        }
    }

    @Override
    public SoapResponse send(SoapRequest request, String messageId) {
        SOAPMessage message = build(request);
        Map<String, Object> ctx = dispatch.getRequestContext();
        AddressingProperties maps = new AddressingProperties();
        maps.setMessageID(uri(messageId));
        maps.setAction(uri(request.action()));
        ctx.put(JAXWSAConstants.CLIENT_ADDRESSING_PROPERTIES, maps);
        ctx.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        ctx.put(BindingProvider.SOAPACTION_URI_PROPERTY, request.action());
        // SOAP 1.2 over HTTP sends Sender faults with HTTP 400: read them as faults, not as a bare HTTP error
        ctx.put(PROCESS_FAULT_ON_400, Boolean.TRUE);
        if (wire.enabled()) {
            wire.request(messageId, request.action(), endpointText, message.getSOAPPart().getDocumentElement(),
                    request.attachments());
        }
        SOAPMessage response;
        try {
            response = dispatch.invoke(message);
        } catch (SOAPFaultException e) {
            SegurException big = SoapErrors.tooLarge(e, config.service(), messageId,
                    status(responseContextQuietly()));
            if (big != null) {
                throw logged(big, messageId);
            }
            org.apache.cxf.interceptor.Fault local = SoapErrors.find(e, org.apache.cxf.interceptor.Fault.class);
            boolean fromService = local instanceof org.apache.cxf.binding.soap.SoapFault && local.getCause() == null;
            if (!fromService || !xmlContentType(responseContextQuietly())) {
                // CXF could not read the response (not XML, wrong content type, not SOAP): not the service's fault
                throw unreadable(e, messageId);
            }
            throw fault(e, messageId);
        } catch (WebServiceException e) {
            throw failure(e, messageId);
        } catch (RuntimeException e) {
            throw failure(e, messageId);
        }
        return toResponse(response, messageId);
    }

    private SOAPMessage build(SoapRequest request) {
        try {
            SOAPMessage message = messageFactory.createMessage();
            SOAPPart part = message.getSOAPPart();
            SOAPHeader header = message.getSOAPHeader();
            if (!request.securityTokens().isEmpty()) {
                Element security = part.createElementNS(WSSE, "wsse:Security");
                security.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:wsse", WSSE);
                for (Element token : request.securityTokens()) {
                    security.appendChild(Dom.importInto(part, token));
                }
                header.appendChild(security);
            }
            for (Element h : request.headers()) {
                header.appendChild(Dom.importInto(part, h));
            }
            message.getSOAPBody().appendChild(Dom.importInto(part, request.body()));
            for (SoapAttachment a : request.attachments()) {
                AttachmentPart ap = message.createAttachmentPart(new DataHandler(new AttachmentSource(a)));
                ap.setContentId("<" + a.contentId() + ">");
                ap.setContentType(a.contentType());
                message.addAttachmentPart(ap);
            }
            return message;
        } catch (SOAPException | RuntimeException e) {
            if (e instanceof SegurException se) {
                throw se;
            }
            throw io.segursdk.core.error.InvalidRequestException.of("soap.request",
                    "cannot be placed in a SOAP 1.2 envelope: " + e.getMessage());
        }
    }

    private SoapResponse toResponse(SOAPMessage response, String messageId) {
        Map<String, Object> rctx = dispatch.getResponseContext();
        int status = status(rctx);
        if (status >= 400) {
            // an error status whose body is not a SOAP fault (a fault would have been thrown by CXF)
            throw logged(SoapErrors.fromHttpStatus(config.service(), messageId, status, null), messageId);
        }
        if (response == null) {
            wire.response(messageId, status, null, List.of());
            return new SoapResponse(null, List.of(), null, null, List.of(), null);
        }
        try {
            List<Element> headers = new ArrayList<>();
            SOAPHeader header = response.getSOAPHeader();
            if (header != null) {
                for (Element h : Dom.children(header)) {
                    headers.add(Dom.detach(h));
                }
            }
            SOAPBody body = response.getSOAPBody();
            Element payload = Dom.firstChild(body);
            Element detached = payload == null ? null : Dom.detach(payload);
            List<SoapAttachment> attachments = new ArrayList<>();
            List<InputStream> opened = new ArrayList<>();
            Iterator<AttachmentPart> it = response.getAttachments();
            while (it.hasNext()) {
                AttachmentPart ap = it.next();
                DataHandler dh = ap.getDataHandler();
                String cid = ap.getContentId() == null ? "" : ap.getContentId().trim();
                if (cid.startsWith("<") && cid.endsWith(">")) {
                    cid = cid.substring(1, cid.length() - 1);
                }
                String type = ap.getContentType() != null ? ap.getContentType() : "application/octet-stream";
                attachments.add(SoapAttachment.of(cid.isEmpty() ? "attachment-" + attachments.size() : cid, type,
                        () -> {
                            InputStream in = dh.getInputStream();
                            synchronized (opened) {
                                opened.add(in);
                            }
                            return in;
                        }));
            }
            String[] ids = addressing(rctx);
            wire.response(messageId, status, response.getSOAPPart().getDocumentElement(), attachments);
            AutoCloseable resources = () -> {
                synchronized (opened) {
                    for (InputStream in : opened) {
                        try {
                            in.close();
                        } catch (IOException ignored) {
                            // already closed or broken: nothing more to release
                        }
                    }
                }
            };
            return new SoapResponse(detached, headers, ids[0], ids[1], attachments, resources);
        } catch (SOAPException | RuntimeException e) {
            if (e instanceof SegurException se) {
                throw se;
            }
            throw new TransportException(config.service() + " sent a response that cannot be read as SOAP: "
                    + e.getMessage(), config.service(), messageId, status, false, e);
        }
    }

    private SegurException fault(SOAPFaultException e, String messageId) {
        Map<String, Object> rctx = responseContextQuietly();
        int status = status(rctx);
        String[] ids = addressing(rctx);
        String fallback = ids[1] != null ? ids[1] : ids[0] != null ? ids[0] : messageId;
        SOAPFault f = e.getFault();
        SoapFault parsed = FaultParser.parse(f, config.service(), status == 0 ? 500 : status, fallback);
        if (wire.enabled()) {
            wire.response(messageId, status, f, List.of());
        }
        return SoapErrors.fromFault(parsed, config.classifier());
    }

    private SegurException unreadable(RuntimeException e, String messageId) {
        int status = status(responseContextQuietly());
        SegurException mapped = status >= 400
                ? SoapErrors.fromHttpStatus(config.service(), messageId, status, e)
                : new TransportException(config.service() + " sent a response that cannot be read as SOAP"
                        + (status > 0 ? " (HTTP " + status + ")" : "") + ": wrong content type or malformed XML",
                        config.service(), messageId, status, false, e);
        if (wire.enabled()) {
            wire.failure(messageId, mapped.getMessage());
        }
        return mapped;
    }

    private SegurException logged(SegurException mapped, String messageId) {
        if (wire.enabled()) {
            wire.failure(messageId, mapped.getMessage());
        }
        return mapped;
    }

    private SegurException failure(RuntimeException e, String messageId) {
        HTTPException http = SoapErrors.find(e, HTTPException.class);
        SegurException big = SoapErrors.tooLarge(e, config.service(), messageId, status(responseContextQuietly()));
        SegurException mapped = big != null ? big : http != null
                ? SoapErrors.fromHttpStatus(config.service(), messageId, http.getResponseCode(), e)
                : SoapErrors.fromFailure(e, config.service(), messageId, endpointText, config.credential() != null);
        if (wire.enabled()) {
            wire.failure(messageId, mapped.getMessage());
        }
        return mapped;
    }

    private Map<String, Object> responseContextQuietly() {
        try {
            return dispatch.getResponseContext();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static boolean xmlContentType(Map<String, Object> rctx) {
        Object headers = rctx == null ? null : rctx.get(MessageContext.HTTP_RESPONSE_HEADERS);
        if (headers instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof String k && k.equalsIgnoreCase("Content-Type")) {
                    String v = String.valueOf(e.getValue()).toLowerCase(java.util.Locale.ROOT);
                    return v.contains("xml") || v.contains("multipart/related");
                }
            }
        }
        return true;
    }

    private static int status(Map<String, Object> rctx) {
        Object s = rctx == null ? null : rctx.get(MessageContext.HTTP_RESPONSE_CODE);
        return s instanceof Integer i ? i : 0;
    }

    /** @return {messageId, relatesTo} of the response's WS-Addressing headers, each possibly {@code null} */
    private static String[] addressing(Map<String, Object> rctx) {
        Object o = rctx == null ? null : rctx.get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        if (o instanceof AddressingProperties maps) {
            String id = maps.getMessageID() != null ? maps.getMessageID().getValue() : null;
            String rel = maps.getRelatesTo() != null ? maps.getRelatesTo().getValue() : null;
            return new String[] {id, rel};
        }
        return new String[] {null, null};
    }

    private static AttributedURIType uri(String value) {
        AttributedURIType t = new AttributedURIType();
        t.setValue(value);
        return t;
    }

    @Override
    public void close() {
        Bus previous = BusFactory.getThreadDefaultBus(false);
        try {
            ((DispatchImpl<?>) dispatch).getClient().destroy();
        } catch (RuntimeException ignored) {
            // closing is best effort
        } finally {
            bus.shutdown(false);
            BusFactory.clearDefaultBusForAnyThread(bus);
            BusFactory.setThreadDefaultBus(previous == bus ? null : previous);
        }
    }

    /**
     * Bounds the SOAP envelope read from a response: the whole body, or the root part once CXF has split an MTOM
     * package (attachments are left to CXF's own streaming and caching).
     */
    private static final class ResponseLimit extends AbstractPhaseInterceptor<Message> {
        private final long limit;

        ResponseLimit(long limit) {
            super(Phase.RECEIVE);
            addAfter(AttachmentInInterceptor.class.getName());
            this.limit = limit;
        }

        @Override
        public void handleMessage(Message message) {
            InputStream in = message.getContent(InputStream.class);
            if (in != null) {
                message.setContent(InputStream.class, new LimitedInputStream(in, limit));
            }
        }
    }

    /** A DataSource reading an attachment's content only when CXF writes it: nothing is buffered. */
    private static final class AttachmentSource implements DataSource {
        private final SoapAttachment attachment;

        AttachmentSource(SoapAttachment attachment) {
            this.attachment = attachment;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return attachment.open();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return attachment.contentType();
        }

        @Override
        public String getName() {
            return attachment.contentId();
        }
    }
}
