package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * TD0.9, contextual web access: the URLs that open the DMP's web site for professionals ("site Web PS") on a page,
 * and on a patient's record, for software that does not yet show the DMP inside (PDT-INF-527). Pure URL building,
 * no network: open the URL in the professional's browser, where they authenticate with their CPx card or e-CPS (the
 * web site accepts direct authentication only).
 *
 * <pre>{@code
 * DmpWebAccess web = DmpWebAccess.forSite(URI.create("https://dmp.example"));   // the environment's domain
 * URI documents = web.page(DmpWebAccess.Page.DOCUMENTS, patient);
 * }</pre>
 *
 * <p>URLs have the form {@code https://<domain>/AccesDirect/<Page>[/<INS>]}. The domain depends on the environment
 * (production, test platforms) and is given with them by the DMP's operator: pass the site's root, without path.
 * The INS is the patient's matricule, percent-encoded as a path segment. Immutable and thread-safe.
 */
public final class DmpWebAccess {

    /** The path under which the pages are. */
    public static final String BASE_PATH = "AccesDirect";

    /** Whether a page takes the patient's INS. */
    public enum PatientParameter {
        /** The page is about a patient: the INS is required. */
        REQUIRED,
        /** The page is the professional's own; an INS is refused. */
        NONE,
        /** With an INS, the page shows that patient's existence test; without, the professional's list. */
        OPTIONAL
    }

    /** The pages that can be opened (PDT-INF-527). Creating a DMP through the web site is no longer possible. */
    public enum Page {
        /** The dashboard: the authorised DMPs (as TD0.4), or with an INS the patient's existence test (as TD0.2). */
        DASHBOARD("TableauDeBord", PatientParameter.OPTIONAL),
        /** The patient's DMP home: latest documents, accesses, patient data. */
        PATIENT_HOME("DossierPatient", PatientParameter.REQUIRED),
        /** Management of the DMP: administrative data, authorisations (as TD1.3, TD1.6), alerts, closing. */
        DMP_MANAGEMENT("GestionDMPPatient", PatientParameter.REQUIRED),
        /** Every document of the DMP the professional may see (as TD3.1 and TD3.2). */
        DOCUMENTS("Documents", PatientParameter.REQUIRED),
        /** The documents along a time line. */
        CARE_PATHWAY("ParcoursDeSoins", PatientParameter.REQUIRED),
        /** The access history (all of it for the attending physician, own actions for others). */
        ACCESS_HISTORY("HistoriqueAcces", PatientParameter.REQUIRED),
        /** The patient's wishes and rights (trusted person, person to alert, organ donation). */
        WISHES_AND_RIGHTS("VolontesEtDroits", PatientParameter.REQUIRED),
        /** The vaccination record (created on the first vaccination added). */
        VACCINATION_RECORD("CarnetVaccination", PatientParameter.REQUIRED),
        /** The professional's own settings on the web site. */
        SETTINGS("Parametrages", PatientParameter.NONE);

        private final String path;
        private final PatientParameter patientParameter;

        Page(String path, PatientParameter patientParameter) {
            this.path = path;
            this.patientParameter = patientParameter;
        }

        /** @return the page's path segment */
        public String path() {
            return path;
        }

        /** @return whether the page takes the patient's INS */
        public PatientParameter patientParameter() {
            return patientParameter;
        }
    }

    private final URI site;

    private DmpWebAccess(URI site) {
        this.site = site;
    }

    /**
     * @param siteRoot the web site's root for the environment, for example {@code https://<domain>} (https, a host,
     *                 no path other than {@code /}, no query, fragment or user info)
     * @return the URL builder
     * @throws InvalidRequestException when the root is not such a URL
     */
    public static DmpWebAccess forSite(URI siteRoot) {
        Violations v = new Violations();
        v.require(siteRoot != null, "dmpWeb.siteRoot", "is required");
        if (siteRoot != null) {
            v.require("https".equalsIgnoreCase(siteRoot.getScheme()), "dmpWeb.siteRoot", "must be an https URL");
            v.require(siteRoot.getHost() != null && !siteRoot.getHost().isEmpty(), "dmpWeb.siteRoot",
                    "must name a host");
            String path = siteRoot.getRawPath();
            v.require(path == null || path.isEmpty() || "/".equals(path), "dmpWeb.siteRoot",
                    "must be the site's root, without path (not the web services' URL)");
            v.require(siteRoot.getRawQuery() == null && siteRoot.getRawFragment() == null
                    && siteRoot.getRawUserInfo() == null, "dmpWeb.siteRoot",
                    "must have no query, fragment or user info");
        }
        v.throwIfAny();
        String root = siteRoot.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + siteRoot.getRawAuthority();
        return new DmpWebAccess(URI.create(root + "/"));
    }

    /** @return the site's root */
    public URI site() {
        return site;
    }

    /**
     * @param page a page that takes no INS, or takes it optionally
     * @return its URL
     * @throws InvalidRequestException when the page needs a patient
     */
    public URI page(Page page) {
        Objects.requireNonNull(page, "page");
        if (page.patientParameter() == PatientParameter.REQUIRED) {
            throw InvalidRequestException.of("dmpWeb.patient", "is required for the page " + page);
        }
        return site.resolve(BASE_PATH + "/" + page.path());
    }

    /**
     * @param page    a page about a patient (or the dashboard)
     * @param patient the patient
     * @return its URL
     * @throws InvalidRequestException when the page takes no patient, or the patient is missing
     */
    public URI page(Page page, PatientId patient) {
        Objects.requireNonNull(page, "page");
        Violations v = new Violations();
        v.require(patient != null, "dmpWeb.patient", "is required");
        v.require(page.patientParameter() != PatientParameter.NONE, "dmpWeb.patient",
                "is not accepted by the page " + page);
        v.throwIfAny();
        return site.resolve(BASE_PATH + "/" + page.path() + "/" + encodeSegment(patient.matricule()));
    }

    /** @return the professional's dashboard (their authorised DMPs) */
    public URI dashboard() {
        return page(Page.DASHBOARD);
    }

    static String encodeSegment(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "DmpWebAccess[" + site + "]";
    }
}
