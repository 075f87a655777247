package io.segursdk.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.InvalidRequestException;

import java.net.URI;

import org.junit.jupiter.api.Test;

class DmpWebAccessTest {

    static final PatientId CORSICA = PatientId.ofIns("185022A12345678", PatientId.OID_INS_NIR_TEST);

    @Test
    void pagesOnAPatient() {
        // tag::web[]
        DmpWebAccess web = DmpWebAccess.forSite(URI.create("https://dmp.example"));  // the environment's domain
        URI documents = web.page(DmpWebAccess.Page.DOCUMENTS, Fixtures.PATIENT);      // opened in the browser
        // end::web[]
        assertThat(documents).hasToString("https://dmp.example/AccesDirect/Documents/" + Fixtures.MATRICULE);
        assertThat(web.page(DmpWebAccess.Page.DASHBOARD, Fixtures.PATIENT))
                .hasToString("https://dmp.example/AccesDirect/TableauDeBord/" + Fixtures.MATRICULE);
        assertThat(web.dashboard()).hasToString("https://dmp.example/AccesDirect/TableauDeBord");
        assertThat(web.page(DmpWebAccess.Page.SETTINGS)).hasToString("https://dmp.example/AccesDirect/Parametrages");
        assertThat(web.page(DmpWebAccess.Page.VACCINATION_RECORD, Fixtures.PATIENT).getPath())
                .isEqualTo("/AccesDirect/CarnetVaccination/" + Fixtures.MATRICULE);
    }

    @Test
    void everyPageHasItsPath() {
        DmpWebAccess web = DmpWebAccess.forSite(URI.create("https://dmp.example:8443/"));
        for (DmpWebAccess.Page page : DmpWebAccess.Page.values()) {
            URI uri = page.patientParameter() == DmpWebAccess.PatientParameter.NONE ? web.page(page)
                    : web.page(page, Fixtures.PATIENT);
            assertThat(uri.getScheme()).isEqualTo("https");
            assertThat(uri.getPort()).isEqualTo(8443);
            assertThat(uri.getPath()).startsWith("/AccesDirect/" + page.path());
        }
        assertThat(DmpWebAccess.Page.values()).extracting(DmpWebAccess.Page::path).containsExactlyInAnyOrder(
                "TableauDeBord", "DossierPatient", "GestionDMPPatient", "Documents", "ParcoursDeSoins",
                "HistoriqueAcces", "VolontesEtDroits", "CarnetVaccination", "Parametrages");
    }

    @Test
    void patientParameterIsCheckedPerPage() {
        DmpWebAccess web = DmpWebAccess.forSite(URI.create("https://dmp.example"));
        assertThatThrownBy(() -> web.page(DmpWebAccess.Page.DOCUMENTS)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> web.page(DmpWebAccess.Page.SETTINGS, Fixtures.PATIENT))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> web.page(DmpWebAccess.Page.DOCUMENTS, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void corsicanMatriculeStaysAPathSegment() {
        DmpWebAccess web = DmpWebAccess.forSite(URI.create("https://dmp.example"));
        assertThat(web.page(DmpWebAccess.Page.PATIENT_HOME, CORSICA).getRawPath())
                .isEqualTo("/AccesDirect/DossierPatient/185022A12345678");
        assertThat(DmpWebAccess.encodeSegment("a b/é")).isEqualTo("a%20b%2F%C3%A9");
    }

    @Test
    void siteRootIsValidated() {
        for (String bad : new String[] {"http://dmp.example", "https:///x", "https://dmp.example/si-dmp-server/v2/",
                "https://dmp.example/?a=1", "https://u@dmp.example", "https://dmp.example/#f"}) {
            assertThatThrownBy(() -> DmpWebAccess.forSite(URI.create(bad))).as(bad)
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThatThrownBy(() -> DmpWebAccess.forSite(null)).isInstanceOf(InvalidRequestException.class);
        assertThat(DmpWebAccess.forSite(URI.create("HTTPS://dmp.example")).site())
                .hasToString("https://dmp.example/");
    }
}
