package io.segursdk.dmp.internal;

import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.dmp.DocumentStatus;
import io.segursdk.dmp.SearchResult;
import io.segursdk.dmp.Visibility.Flag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryResponseParserTest {

    private final RegistryResponseParser parser = new RegistryResponseParser(new XdsJaxb());

    @Test
    void successWithTwoEntriesIsReadWithStatusAndVisibility() throws Exception {
        SearchResult r = parser.parseQueryResponse(load("query-success-two-entries.xml"), "urn:uuid:m1");
        assertThat(r.partial()).isFalse();
        assertThat(r.entries()).hasSize(2);
        var current = r.entries().get(0);
        assertThat(current.entryUuid()).isEqualTo("urn:uuid:11111111-2222-4333-8444-555555555555");
        assertThat(current.uniqueId()).isEqualTo("1.2.250.1.999.1.1.4242.1.1");
        assertThat(current.repositoryUniqueId()).isEqualTo("1.2.250.1.213.4.1.1.1.2");
        assertThat(current.status()).isEqualTo(DocumentStatus.APPROVED);
        assertThat(current.visibility().flags()).isEmpty();
        assertThat(current.classCode().code()).isEqualTo("10");
        assertThat(current.typeCode().codeSystem()).isEqualTo("2.16.840.1.113883.6.1");
        assertThat(current.creationTime()).isEqualTo(Instant.parse("2026-03-02T09:15:30Z"));
        assertThat(current.size()).isEqualTo(1234L);
        assertThat(current.authors()).singleElement().satisfies(a -> {
            assertThat(a.nationalId()).isEqualTo("810001234567");
            assertThat(a.familyName()).isEqualTo("DUPONT");
            assertThat(a.structure().nationalId()).isEqualTo("410001234567001");
        });
        var archived = r.entries().get(1);
        assertThat(archived.status()).isEqualTo(DocumentStatus.ARCHIVED);
        assertThat(archived.visibility().flags())
                .containsExactlyInAnyOrder(Flag.HIDDEN_FROM_PATIENT, Flag.MASKED_FROM_PROFESSIONALS);
        assertThat(archived.toString()).doesNotContain("279035121518989");
    }

    @Test
    void failureBecomesAServiceFaultWithTheFirstErrorCode() throws Exception {
        Element body = load("registry-failure.xml");
        assertThatThrownBy(() -> parser.parseRegistryResponse(body, "urn:uuid:m2"))
                .isInstanceOfSatisfying(ServiceFaultException.class, e -> {
                    assertThat(e.code()).contains("XDSRegistryMetadataError");
                    assertThat(e.serviceMessage()).contains("Code de classe inconnu");
                    assertThat(e.messageId()).contains("urn:uuid:m2");
                    assertThat(e.service()).contains("DMP");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("and 1 more");
                });
    }

    @Test
    void accessCodesBecomeAccessDeniedAndBusyCodesAreRetryable() throws Exception {
        String denied = registryResponse("Failure", "XDSLocalPolicyRestrictionError", "Error");
        assertThatThrownBy(() -> parser.parseRegistryResponse(parse(denied), null))
                .isInstanceOf(AccessDeniedException.class);
        String busy = registryResponse("Failure", "XDSRegistryBusy", "Error");
        assertThatThrownBy(() -> parser.parseRegistryResponse(parse(busy), null))
                .isInstanceOfSatisfying(ServiceFaultException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void partialSuccessReturnsTheWarnings() throws Exception {
        String partial = registryResponse("PartialSuccess", "XDSExtraMetadataNotSaved", "Warning")
                .replace("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:PartialSuccess",
                        "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess");
        assertThat(parser.parseRegistryResponse(parse(partial), null)).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("XDSExtraMetadataNotSaved");
            assertThat(w.warning()).isTrue();
        });
    }

    private static String registryResponse(String status, String code, String severity) {
        return "<rs:RegistryResponse xmlns:rs=\"urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0\" status=\""
                + "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:" + status + "\"><rs:RegistryErrorList>"
                + "<rs:RegistryError errorCode=\"" + code + "\" codeContext=\"ctx\" severity=\""
                + "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:" + severity + "\"/></rs:RegistryErrorList>"
                + "</rs:RegistryResponse>";
    }

    private static Element load(String name) throws Exception {
        try (InputStream in = RegistryResponseParserTest.class.getResourceAsStream(name)) {
            return XdsJaxb.newDocumentBuilderFactory().newDocumentBuilder().parse(in).getDocumentElement();
        }
    }

    private static Element parse(String xml) throws Exception {
        return XdsJaxb.newDocumentBuilderFactory().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }
}
