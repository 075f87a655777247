package io.segursdk.testkit.mail;

import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's configuration rules, checked before anything starts. */
class MailOperatorBuilderTest {

    private static final TestPki PKI = TestPki.create();

    @Test
    void onlyOrganisationalMailboxesCanBeOpenToPatients() {
        assertThatThrownBy(() -> MailOperator.builder(PKI).personalMailbox("dr.a@test.mssante.fr")
                .openToPatients("dr.a@test.mssante.fr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("organisational");
        assertThatThrownBy(() -> MailOperator.builder(PKI).openToPatients("Dr.A@test.mssante.fr")
                .personalMailbox("dr.a@test.mssante.fr")).isInstanceOf(IllegalArgumentException.class);
        IssuedCredential app = PKI.issueOrganisation(OrganisationProfile.builder().commonName("lgc@test.mssante.fr")
                .structureId("10B0152872").structureName("LGC").build());
        assertThatThrownBy(() -> MailOperator.builder(PKI).certificateMailbox("lgc@test.mssante.fr", app.certificate())
                .openToPatients("lgc@test.mssante.fr")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailOperator.builder(PKI).openToPatients("lgc@test.mssante.fr")
                .certificateMailbox("lgc@test.mssante.fr", app.certificate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> MailOperator.builder(PKI).personalMailbox("dr.a@test.mssante.fr")
                .openToPatients("officine@test.mssante.fr")).doesNotThrowAnyException();
    }
}
