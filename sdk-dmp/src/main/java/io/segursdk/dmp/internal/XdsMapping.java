package io.segursdk.dmp.internal;

import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Structure;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Hl7v2Based;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.LocalizedString;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Organization;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Person;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Timestamp;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.XcnName;

import java.time.Instant;
import java.time.ZoneOffset;

/** Conversions between the SDK's metadata types and IPF's, in the DMP's HL7 v2 forms. */
final class XdsMapping {

    /** OID of the ANS person identifiers (IdNat_PS), assigning authority of authorPerson. */
    static final String OID_PERSON_IDS = "1.2.250.1.71.4.2.1";
    /** OID of the ANS structure identifiers (IdNat_Struct), assigning authority of authorInstitution. */
    static final String OID_STRUCTURE_IDS = "1.2.250.1.71.4.2.2";
    static final String LANG = "fr-FR";
    static final String CHARSET = "UTF-8";

    private XdsMapping() {
    }

    static Code code(CodedValue v) {
        return new Code(v.code(), text(v.displayName()), v.codeSystem());
    }

    static CodedValue coded(Code c) {
        if (c == null) {
            return null;
        }
        String display = c.getDisplayName() == null ? "" : c.getDisplayName().getValue();
        return new CodedValue(c.getCode(), c.getSchemeName() == null ? "" : c.getSchemeName(),
                display == null ? "" : display);
    }

    static LocalizedString text(String value) {
        return new LocalizedString(value, LANG, CHARSET);
    }

    static Timestamp timestamp(Instant t) {
        return new Timestamp(t.atZone(ZoneOffset.UTC), Timestamp.Precision.SECOND);
    }

    static Instant instant(Timestamp t) {
        return t == null || t.getDateTime() == null ? null : t.getDateTime().toInstant();
    }

    static Identifiable patientId(PatientId p) {
        return Hl7v2Based.parse(p.toCx(), Identifiable.class);
    }

    static Identifiable sourcePatientId(String localId, String oid) {
        return Hl7v2Based.parse(sourcePatientIdCx(localId, oid), Identifiable.class);
    }

    /** The DMP's form of a local patient identifier: {@code id^^^&oid&ISO^PI}. */
    static String sourcePatientIdCx(String localId, String oid) {
        return localId + "^^^&" + oid + "&ISO^PI";
    }

    /** The DMP's XCN: {@code id^family^given^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS}. */
    static String xcn(Author a) {
        return a.nationalId() + "^" + a.familyName() + "^" + a.givenName() + "^^^^^^&" + OID_PERSON_IDS
                + "&ISO^D^^^IDNPS";
    }

    /** The DMP's XON: {@code name^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^idnat}. */
    static String xon(Structure s) {
        return s.name() + "^^^^^&" + OID_STRUCTURE_IDS + "&ISO^IDNST^^^" + s.nationalId();
    }

    /** A coded value in the CX-shaped form IPF keeps for authorSpecialty and authorRole: {@code code^name^system}. */
    static String codedCx(CodedValue v) {
        return v.code() + "^" + v.displayName() + "^" + v.codeSystem();
    }

    static Person person(Author a) {
        return Person.parse(xcn(a));
    }

    static org.openehealth.ipf.commons.ihe.xds.core.metadata.Author author(Author a) {
        var au = new org.openehealth.ipf.commons.ihe.xds.core.metadata.Author();
        au.setAuthorPerson(person(a));
        au.getAuthorInstitution().add(Organization.parse(xon(a.structure())));
        au.getAuthorSpecialty().add(Hl7v2Based.parse(codedCx(a.specialty()), Identifiable.class));
        a.role().ifPresent(r -> au.getAuthorRole().add(Hl7v2Based.parse(codedCx(r), Identifiable.class)));
        return au;
    }

    /** Reads an author back, as far as the registry described it. */
    static Author author(org.openehealth.ipf.commons.ihe.xds.core.metadata.Author au) {
        Author.Builder b = Author.builder();
        Person p = au.getAuthorPerson();
        if (p != null) {
            if (p.getId() != null) {
                b.nationalId(p.getId().getId());
            }
            if (p.getName() instanceof XcnName n) {
                b.name(n.getFamilyName(), n.getGivenName());
            }
        }
        if (!au.getAuthorInstitution().isEmpty()) {
            Organization o = au.getAuthorInstitution().get(0);
            if (o.getOrganizationName() != null && o.getIdNumber() != null) {
                b.structure(new Structure(o.getOrganizationName(), o.getIdNumber()));
            }
        }
        if (!au.getAuthorSpecialty().isEmpty()) {
            b.specialty(codedFromCx(au.getAuthorSpecialty().get(0)));
        }
        if (!au.getAuthorRole().isEmpty()) {
            b.role(codedFromCx(au.getAuthorRole().get(0)));
        }
        return b.build();
    }

    private static CodedValue codedFromCx(Identifiable id) {
        String[] parts = Hl7v2Based.render(id).split("\\^", -1);
        return new CodedValue(parts[0], parts.length > 2 ? parts[2] : "", parts.length > 1 ? parts[1] : "");
    }
}
