package io.segursdk.dmp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.AuthorisedDmp;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.ProfessionalAuthorisation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class DmpAdminMessagesTest {

    static Element body(String xml) throws Exception {
        Element envelope = SecureXml.instance().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        return (Element) envelope.getElementsByTagNameNS("*", "Body").item(0).getFirstChild();
    }

    @Test
    void patientListWithTheDmpsOwnIdBeforeTheIns() throws Exception {
        Element b = body("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:p=\"urn:si-dmp-patients\">"
                + "<s:Body><p:patientListResponse><p:output><p:patientlistData>"
                + "<p:patientIdentifier><p:nationalId>0001112223334445556667</p:nationalId>"
                + "<p:nationalIdType>1.2.250.1.213.1.4.2</p:nationalIdType></p:patientIdentifier>"
                + "<p:patientIdentifier><p:nationalId>279035121518989</p:nationalId>"
                + "<p:nationalIdType>1.2.250.1.213.1.4.10</p:nationalIdType></p:patientIdentifier>"
                + "<p:lastName>TESTNOM</p:lastName><p:firstName>TESTPRENOM</p:firstName>"
                + "<p:dateOfBirth>19790300</p:dateOfBirth><p:MT>true</p:MT><p:message>false</p:message>"
                + "<p:lastAddDate>20260302101500</p:lastAddDate></p:patientlistData>"
                + "<p:status>DMPOk</p:status></p:output></p:patientListResponse></s:Body></s:Envelope>");
        List<AuthorisedDmp> list = DmpAdminMessages.parsePatientList(b, "m1");
        assertThat(list).singleElement().satisfies(d -> {
            assertThat(d.patient()).isEqualTo(PatientId.ofIns("279035121518989", PatientId.OID_INS_NIR_TEST));
            assertThat(d.otherIdentifiers()).containsExactly("1.2.250.1.213.1.4.2:0001112223334445556667");
            assertThat(d.birthDate()).isEqualTo("19790300");
            assertThat(d.attendingPhysician()).isTrue();
            assertThat(d.lastDocumentAdded()).isEqualTo(LocalDateTime.of(2026, 3, 2, 10, 15));
            assertThat(d.lastAccess()).isNull();
        });
    }

    @Test
    void refusalsCarryTheDmpsStatus() throws Exception {
        Element b = body("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                + "<h:listAuthorizationByPatientResponse xmlns:h=\"urn:si-dmp-habilitations\"><h:output>"
                + "<h:status>DMPAccessDenied</h:status><h:context>refus</h:context></h:output>"
                + "</h:listAuthorizationByPatientResponse></s:Body></s:Envelope>");
        assertThatThrownBy(() -> DmpAdminMessages.parseAuthorizations(b, "m2"))
                .isInstanceOfSatisfying(ServiceFaultException.class,
                        e -> assertThat(e.code()).contains("DMPAccessDenied"));
    }

    @Test
    void professionalStates() {
        assertThat(ProfessionalAuthorisation.State.of("ACTIVE")).isEqualTo(ProfessionalAuthorisation.State.AUTHORISED);
        assertThat(ProfessionalAuthorisation.State.of("BLOQUE")).isEqualTo(ProfessionalAuthorisation.State.BLOCKED);
        assertThat(ProfessionalAuthorisation.State.of("X")).isEqualTo(ProfessionalAuthorisation.State.OTHER);
    }

    @Test
    void requestsHaveTheDmpsShapes() {
        Element td04 = DmpAdminMessages.patientList(LocalDateTime.of(2010, 10, 10, 20, 20, 10),
                AuthorisedDmp.Since.LAST_AUTHORISATION);
        assertThat(td04.getNamespaceURI()).isEqualTo("urn:si-dmp-patients");
        assertThat(td04.getLocalName()).isEqualTo("patientList");
        assertThat(td04.getTextContent()).isEqualTo("20101010202010LASTAUTORIZATION");
        Element td16 = DmpAdminMessages.listAuthorizations();
        assertThat(td16.getLocalName()).isEqualTo("listAuthorizationByPatient");
        assertThat(td16.getTextContent()).isEqualTo("TOUTE");
    }
}
