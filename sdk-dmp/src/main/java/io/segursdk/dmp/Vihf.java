package io.segursdk.dmp;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.Violations;
import io.segursdk.core.saml.Saml;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlAttributeValue;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.xml.SecureXml;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issues the VIHF ("Vecteur d'Identification et d'Habilitation Formelle"), the signed SAML 2.0 assertion the DMP
 * requires in {@code wsse:Security} on every call: who the professional is, for which structure, with which
 * profession and specialty, in which authentication mode, about which patient and why, from which software.
 *
 * <p>Immutable and thread-safe: configure one per professional (or per structure in indirect mode) and let the
 * {@link DmpClient} issue a fresh assertion for each call.
 *
 * <pre>{@code
 * Vihf vihf = Vihf.builder()
 *         .mode(AuthenticationMode.INDIRECT)
 *         .professional("810001234567", "DUPONT ALICE")
 *         .profession(Vihf.profession("10", "Médecin"))
 *         .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
 *         .structureId("10B0127189")                 // the OU of the ORG_SIGN certificate
 *         .activitySector("SA07")
 *         .software(softwareInfo)                    // with its DMP homologation id
 *         .signingCredential(orgSignCredential)      // ORG_SIGN; the card's signature key in direct mode
 *         .build();
 * }</pre>
 *
 * <p>Attributes sent, in this order: {@code Identifiant_Structure}, {@code Secteur_Activite},
 * {@code urn:oasis:names:tc:xspa:1.0:subject:subject-id} (when a name is given),
 * {@code urn:oasis:names:tc:xacml:2.0:subject:role} (profession, then specialty), {@code VIHF_Version},
 * {@code Authentification_mode}, {@code urn:oasis:names:tc:xacml:2.0:resource:resource-id} (the patient's INS in CX
 * form), {@code Ressource_URN} ({@code urn:dmp}), {@code urn:oasis:names:tc:xspa:1.0:subject:purposeofuse},
 * {@code urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code} (only during a minor's secret
 * connection), {@code LPS_ID}, {@code LPS_Nom}, {@code LPS_Version}, {@code LPS_ID_HOMOLOGATION_DMP}.
 *
 * <p>Points the public sources leave open, with the default chosen and a setter to change it: the VIHF version
 * ({@code 3.0}, as in every ANS sample; {@link Builder#version}), the spelling of the authentication-mode attribute
 * ({@code Authentification_mode}, as in the ANS samples; {@link Builder#authenticationModeAttributeName}), the
 * purpose-of-use code system name ({@code mode acces VIHF 2.0}) and the signature algorithm (RSA-SHA256; the ANS
 * samples use RSA-SHA1, available through {@link Builder#signatureAlgorithm}).
 */
public final class Vihf {

    /** Code system of professions (TRE_G15). */
    public static final String PROFESSION_SYSTEM = "1.2.250.1.71.1.2.7";
    /** Code system of specialties ("savoir-faire", TRE_R01). */
    public static final String SPECIALTY_SYSTEM = "1.2.250.1.71.4.2.5";
    /** Code system of non-professional producers (TRE_A00), for example {@code AUTOMATE}. */
    public static final String NON_PROFESSIONAL_SYSTEM = "1.2.250.1.213.1.1.4.6";
    /** Code system of the activity sector (TRE_R02). */
    public static final String SECTOR_SYSTEM = "1.2.250.1.71.4.2.4";
    /** HL7 v3 namespace of the role and purpose-of-use elements. */
    public static final String HL7_NS = "urn:hl7-org:v3";

    /** Attribute names. */
    public static final String ATTR_STRUCTURE = "Identifiant_Structure";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_SECTOR = "Secteur_Activite";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_SUBJECT_ID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_VERSION = "VIHF_Version";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_AUTH_MODE = "Authentification_mode";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_RESOURCE_URN = "Ressource_URN";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_PURPOSE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_CONFIDENTIALITY =
            "urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_LPS_ID = "LPS_ID";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_LPS_NAME = "LPS_Nom";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_LPS_VERSION = "LPS_Version";
    /** @see #ATTR_STRUCTURE */
    public static final String ATTR_LPS_HOMOLOGATION = "LPS_ID_HOMOLOGATION_DMP";

    private final Builder b;

    private Vihf(Builder b) {
        this.b = b.copy();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param code        a TRE_G15 profession code, for example {@code "10"} (médecin)
     * @param displayName its label
     * @return the profession role
     */
    public static CodedValue profession(String code, String displayName) {
        return new CodedValue(code, PROFESSION_SYSTEM, displayName);
    }

    /**
     * @param code        a TRE_R01 specialty code, for example {@code "SM26"}
     * @param displayName its label
     * @return the specialty role
     */
    public static CodedValue specialty(String code, String displayName) {
        return new CodedValue(code, SPECIALTY_SYSTEM, displayName);
    }

    /** @return the authentication mode */
    public AuthenticationMode mode() {
        return b.mode;
    }

    /** @return the professional's national identifier (the VIHF NameID) */
    public String professionalId() {
        return b.professionalId;
    }

    /** @return the software named in the VIHF */
    public SoftwareInfo software() {
        return b.software;
    }

    /** @return the credential that signs the VIHF, and the submission-set signature of a feed */
    public SigningCredential signingCredential() {
        return b.credential;
    }

    /** @return the signature algorithm of the VIHF and of the submission-set signature */
    public SignatureAlgorithm signatureAlgorithm() {
        return b.algorithm;
    }

    /** @return the structure identifier (Identifiant_Structure) */
    public String structureId() {
        return b.structureId;
    }

    /**
     * Issues a signed VIHF for one call.
     *
     * @param access the patient and the context of access
     * @return the signed {@code saml2:Assertion}, root of a new document
     * @throws io.segursdk.core.error.AuthenticationException when the credential cannot sign
     */
    public Element issue(DmpAccess access) {
        Objects.requireNonNull(access, "access");
        return issue(access.patient(), access.mode(), access.secretConnection());
    }

    /** A VIHF without resource-id, for the calls about no patient (TD0.4, list of authorised DMPs). */
    Element issueWithoutPatient() {
        return issue(null, AccessMode.NORMAL, false);
    }

    private Element issue(PatientId patient, AccessMode mode, boolean secretConnection) {
        Document scratch = SecureXml.instance().newDocument();
        SamlAssertionBuilder a = SamlAssertionBuilder.create()
                .clock(b.clock)
                .issuer(SamlName.x509Subject(b.credential.certificate()).withFormat(Saml.NAMEID_FORMAT_X509_SUBJECT))
                .subject(SamlName.of(b.professionalId))
                .authnStatement(b.authnContextClassRef);
        if (b.validity != null) {
            a.validFor(b.validity);
        }
        a.attribute(text(ATTR_STRUCTURE, b.structureId));
        a.attribute(text(ATTR_SECTOR, b.activitySector + "^" + SECTOR_SYSTEM));
        if (b.professionalName != null) {
            a.attribute(text(ATTR_SUBJECT_ID, b.professionalName));
        }
        SamlAttributeValue profession = SamlAttributeValue.element(ce(scratch, "Role", b.profession, null));
        a.attribute(b.specialty == null ? SamlAttribute.of(ATTR_ROLE, profession)
                : SamlAttribute.of(ATTR_ROLE, profession,
                        SamlAttributeValue.element(ce(scratch, "Role", b.specialty, null))));
        a.attribute(text(ATTR_VERSION, b.version));
        a.attribute(text(b.authModeAttribute, b.mode.code()));
        if (patient != null) {
            a.attribute(text(ATTR_RESOURCE_ID, patient.toCx()));
        }
        a.attribute(text(ATTR_RESOURCE_URN, "urn:dmp"));
        a.attribute(SamlAttribute.of(ATTR_PURPOSE, SamlAttributeValue.element(ce(scratch, "PurposeOfUse",
                new CodedValue(mode.code(), AccessMode.CODE_SYSTEM, mode.displayName()),
                b.purposeCodeSystemName))));
        if (secretConnection) {
            a.attribute(text(ATTR_CONFIDENTIALITY, Visibility.Flag.HIDDEN_FROM_LEGAL_REPRESENTATIVES.code() + "^"
                    + Visibility.VISIBILITY_SYSTEM));
        }
        a.attribute(text(ATTR_LPS_ID, b.software.installationId().toString()));
        a.attribute(text(ATTR_LPS_NAME, b.software.productName()));
        a.attribute(text(ATTR_LPS_VERSION, b.software.productVersion()));
        a.attribute(text(ATTR_LPS_HOMOLOGATION, b.software.dmpHomologationId().orElseThrow()));
        return a.sign(b.credential, b.algorithm);
    }

    private static SamlAttribute text(String name, String value) {
        return SamlAttribute.of(name, SamlAttributeValue.typedString(value));
    }

    private static Element ce(Document doc, String name, CodedValue value, String codeSystemName) {
        Element e = doc.createElementNS(HL7_NS, name);
        e.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", HL7_NS);
        e.setAttributeNS(null, "code", value.code());
        e.setAttributeNS(null, "codeSystem", value.codeSystem());
        if (codeSystemName != null) {
            e.setAttributeNS(null, "codeSystemName", codeSystemName);
        }
        if (value.displayName() != null) {
            e.setAttributeNS(null, "displayName", value.displayName());
        }
        e.setAttributeNS(Saml.XSI_NS, "xsi:type", "CE");
        return e;
    }

    @Override
    public String toString() {
        return "Vihf[" + b.mode + ", structure " + b.structureId + ", profession " + b.profession.code() + "]";
    }

    /** Builds {@link Vihf}; {@link #build()} reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private AuthenticationMode mode;
        private String professionalId;
        private String professionalName;
        private CodedValue profession;
        private CodedValue specialty;
        private String structureId;
        private String activitySector;
        private SoftwareInfo software;
        private SigningCredential credential;
        private SignatureAlgorithm algorithm = SignatureAlgorithm.RSA_SHA256;
        private String version = "3.0";
        private String authModeAttribute = ATTR_AUTH_MODE;
        private String purposeCodeSystemName = "mode acces VIHF 2.0";
        private String authnContextClassRef = Saml.AUTHN_SMARTCARD_PKI;
        private Duration validity;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        private Builder copy() {
            Builder c = new Builder();
            c.mode = mode;
            c.professionalId = professionalId;
            c.professionalName = professionalName;
            c.profession = profession;
            c.specialty = specialty;
            c.structureId = structureId;
            c.activitySector = activitySector;
            c.software = software;
            c.credential = credential;
            c.algorithm = algorithm;
            c.version = version;
            c.authModeAttribute = authModeAttribute;
            c.purposeCodeSystemName = purposeCodeSystemName;
            c.authnContextClassRef = authnContextClassRef;
            c.validity = validity;
            c.clock = clock;
            return c;
        }

        /**
         * @param newMode how the professional is authenticated; required
         * @return this builder
         */
        public Builder mode(AuthenticationMode newMode) {
            this.mode = newMode;
            return this;
        }

        /**
         * @param nationalId the professional's national identifier (IdNat_PS: "8" + RPPS, or "0" + ADELI), the
         *                   VIHF NameID; required
         * @param name       the professional's name, sent as {@code subject-id}; may be {@code null}
         * @return this builder
         */
        public Builder professional(String nationalId, String name) {
            this.professionalId = nationalId;
            this.professionalName = name;
            return this;
        }

        /**
         * @param role the profession, see {@link Vihf#profession}; required
         * @return this builder
         */
        public Builder profession(CodedValue role) {
            this.profession = role;
            return this;
        }

        /**
         * @param role the specialty, see {@link Vihf#specialty}; required for physicians (10) and pharmacists (21)
         * @return this builder
         */
        public Builder specialty(CodedValue role) {
            this.specialty = role;
            return this;
        }

        /**
         * @param id the structure identifier: the card's structure id in direct mode, the organisation
         *           certificate's OU in indirect mode; required
         * @return this builder
         */
        public Builder structureId(String id) {
            this.structureId = id;
            return this;
        }

        /**
         * @param code the activity sector code (TRE_R02), for example {@code SA07}; required
         * @return this builder
         */
        public Builder activitySector(String code) {
            this.activitySector = code;
            return this;
        }

        /**
         * @param info the software, with its DMP homologation id; required
         * @return this builder
         */
        public Builder software(SoftwareInfo info) {
            this.software = info;
            return this;
        }

        /**
         * @param signing the signing credential: the structure's ORG_SIGN certificate in indirect modes, the card's
         *                signature key (not its authentication key) in direct mode; required
         * @return this builder
         */
        public Builder signingCredential(SigningCredential signing) {
            this.credential = signing;
            return this;
        }

        /**
         * @param newAlgorithm the signature algorithm; RSA-SHA256 by default
         * @return this builder
         */
        public Builder signatureAlgorithm(SignatureAlgorithm newAlgorithm) {
            this.algorithm = newAlgorithm;
            return this;
        }

        /**
         * @param newVersion the VIHF_Version value; {@code "3.0"} by default
         * @return this builder
         */
        public Builder version(String newVersion) {
            this.version = newVersion;
            return this;
        }

        /**
         * @param name the name of the authentication-mode attribute; {@code Authentification_mode} by default
         *             (some documents spell it {@code Authentification_Mode})
         * @return this builder
         */
        public Builder authenticationModeAttributeName(String name) {
            this.authModeAttribute = name;
            return this;
        }

        /**
         * @param name the purpose of use's {@code codeSystemName}; {@code "mode acces VIHF 2.0"} by default
         * @return this builder
         */
        public Builder purposeOfUseCodeSystemName(String name) {
            this.purposeCodeSystemName = name;
            return this;
        }

        /**
         * @param classRef how the professional authenticated locally; SmartcardPKI by default (use
         *                 {@link Saml#AUTHN_PASSWORD} or {@link Saml#AUTHN_UNSPECIFIED} as appropriate)
         * @return this builder
         */
        public Builder authnContextClassRef(String classRef) {
            this.authnContextClassRef = classRef;
            return this;
        }

        /**
         * @param duration how long each VIHF is valid ({@code Conditions}); none by default, as in the ANS samples
         * @return this builder
         */
        public Builder validFor(Duration duration) {
            this.validity = duration;
            return this;
        }

        /**
         * @param newClock the clock for IssueInstant; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock newClock) {
            this.clock = newClock;
            return this;
        }

        /**
         * @return the VIHF issuer
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem
         */
        public Vihf build() {
            Violations v = new Violations();
            v.require(mode != null, "vihf.mode", "is required");
            v.require(professionalId != null && professionalId.matches("[0-9A-Za-z/]{1,40}"), "vihf.professional",
                    "national identifier is required (\"8\" + RPPS or \"0\" + ADELI)");
            v.require(profession != null, "vihf.profession", "is required");
            boolean needsSpecialty = profession != null && PROFESSION_SYSTEM.equals(profession.codeSystem())
                    && ("10".equals(profession.code()) || "21".equals(profession.code()));
            v.require(!needsSpecialty || specialty != null, "vihf.specialty",
                    "is required for physicians (10) and pharmacists (21)");
            v.require(structureId != null && structureId.matches("[0-9A-Za-z]{1,40}"), "vihf.structureId",
                    "is required: the card's structure id, or the organisation certificate's OU");
            v.require(activitySector != null && activitySector.matches("SA[0-9]{2}"), "vihf.activitySector",
                    "is required: a TRE_R02 code such as SA07");
            v.require(software != null, "vihf.software", "is required");
            v.require(software == null || software.dmpHomologationId().isPresent(), "vihf.software.dmpHomologationId",
                    "is required: the DMP homologation id (LPS_ID_HOMOLOGATION_DMP)");
            v.require(credential != null, "vihf.signingCredential", "is required");
            v.require(algorithm != null, "vihf.signatureAlgorithm", "must not be null");
            v.require(version != null && !version.isBlank(), "vihf.version", "must not be blank");
            v.require(authModeAttribute != null && !authModeAttribute.isBlank(),
                    "vihf.authenticationModeAttributeName", "must not be blank");
            v.require(purposeCodeSystemName != null, "vihf.purposeOfUseCodeSystemName", "must not be null");
            v.require(authnContextClassRef != null, "vihf.authnContextClassRef", "must not be null");
            v.require(clock != null, "vihf.clock", "must not be null");
            v.require(validity == null || (!validity.isNegative() && !validity.isZero()), "vihf.validity",
                    "must be positive");
            v.throwIfAny();
            return new Vihf(this);
        }
    }
}
