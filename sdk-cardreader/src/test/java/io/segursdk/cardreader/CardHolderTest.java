package io.segursdk.cardreader;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.TestPki;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

class CardHolderTest {

    private static final TestPki PKI = TestPki.create();

    @Test
    void readsAProfessionalsCertificate() {
        CardHolder holder = CardHolder.fromCertificate(PKI.issueCps(CpsProfile.nurse("10000000033")).certificate());
        assertThat(holder.nationalId()).isEqualTo("810000000033");
        assertThat(holder.surname()).contains("TESTINFIRMIER");
        assertThat(holder.givenName()).contains("OLIVIER");
        assertThat(holder.profession()).contains("Infirmier");
        assertThat(holder.cardType()).isEqualTo(CardType.CPS);
        assertThat(holder.environment()).isEqualTo(CardEnvironment.TEST);
    }

    @Test
    void readsAStaffCard() {
        CardHolder holder = CardHolder.fromCertificate(
                PKI.issueCps(CpsProfile.staff("310B01528720001", "10B0152872")).certificate());
        assertThat(holder.nationalId()).isEqualTo("310B01528720001");
        assertThat(holder.cardType()).isEqualTo(CardType.CPE);
        assertThat(holder.profession()).isEmpty();
        assertThat(holder.surname()).contains("TESTSECRETAIRE");
    }

    @Test
    void readsAStaffIdWithItsInternalPart() {
        CardHolder holder = CardHolder.fromCertificate(PKI.issueCps(CpsProfile.builder()
                .nationalId("500000000029751/CPAT0001").surname("MAITRE").givenName("PATRICE")
                .organisationalUnit("300000000029751").build()).certificate());
        assertThat(holder.nationalId()).isEqualTo("500000000029751/CPAT0001");
        assertThat(holder.cardType()).isEqualTo(CardType.CPE);
    }

    @Test
    void tellsTheEnvironmentFromTheIssuer() {
        assertThat(CardHolder.environment(new X500Principal(
                "CN=TEST AC IGC-SANTE FORT PERSONNES,OU=IGC-SANTE TEST,OU=0002 187512751,O=ASIP-SANTE,C=FR")))
                .isEqualTo(CardEnvironment.TEST);
        assertThat(CardHolder.environment(new X500Principal(
                "CN=AC IGC-SANTE FORT PERSONNES,OU=IGC-SANTE,OU=0002 187512751,O=ASIP-SANTE,C=FR")))
                .isEqualTo(CardEnvironment.PRODUCTION);
        assertThat(CardHolder.environment(new X500Principal("CN=Some Other CA,O=Elsewhere,C=FR")))
                .isEqualTo(CardEnvironment.UNKNOWN);
        // "TESTED" is not the word TEST.
        assertThat(CardHolder.environment(new X500Principal("CN=AC IGC-SANTE TESTED,C=FR")))
                .isEqualTo(CardEnvironment.PRODUCTION);
    }
}
