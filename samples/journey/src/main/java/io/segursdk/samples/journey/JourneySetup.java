package io.segursdk.samples.journey;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteEnvironment;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the journey's steps need: where the services are, who calls them, and which patient. Built either from
 * the simulators started in-process ({@link EmbeddedServices}) or from a configuration file ({@link JourneyConfig}).
 *
 * @param description    the report's header
 * @param insiEnvironment the INSi platform (its default endpoint when {@code insiEndpoint} is absent)
 * @param insiEndpoint   the INSi endpoint, when not the platform's default
 * @param dmpBaseUri     the DMP services' root
 * @param trust          the trust anchors of every service
 * @param software       the software as the services know it
 * @param professional   the professional's identifiers
 * @param structure      the structure's identifiers
 * @param identity       how step 1 identifies the professional
 * @param organisation   the structure's certificate: TLS and VIHF signature in indirect mode (e-CPS)
 * @param insiOrganisation the structure's INSi certificate (INSI-AUTO), used when there is no personal key
 * @param patient        the test patient's traits, as the reception desk types them
 * @param mail           the MSSanté operator, or empty (step 5 is then skipped with {@code mailSkipReason})
 * @param mailSkipReason why there is no mail operator
 * @param probes         checks only the in-process simulators allow
 */
record JourneySetup(String description, InsiClient.Environment insiEnvironment, Optional<URI> insiEndpoint,
                    URI dmpBaseUri, TlsOptions trust, SoftwareInfo software, ProfessionalInfo professional,
                    StructureInfo structure, IdentitySource identity, Optional<SigningCredential> organisation,
                    Optional<SigningCredential> insiOrganisation, IdentityTraits patient, Optional<MailSetup> mail,
                    String mailSkipReason, Optional<Probes> probes) {

    /** Opens the professional's identity for step 1. */
    @FunctionalInterface
    interface IdentitySource {
        ProfessionalSession open() throws Exception;
    }

    /** The professional's identifiers, as the VIHF and INSi carry them. */
    record ProfessionalInfo(String nationalId, String name, String professionCode, String professionLabel,
                            String specialtyCode, String specialtyLabel, String billingId, String activitySector) {
    }

    /** The structure's identifiers. */
    record StructureInfo(String id, String name, String oidRoot) {
    }

    /** The MSSanté operator and the professional's mailbox. */
    record MailSetup(String smtpHost, int smtpPort, String imapHost, int imapPort, String mailbox,
                     Function<ProfessionalSession, MssanteAuthentication> authentication, String authDescription,
                     String productReference, MssanteEnvironment environment, TlsOptions tls) {
    }

    /** What only the in-process simulators let the journey check. */
    interface Probes {
        /** @return the journey's own secured endpoint, that reports what it verified */
        URI secureEndpoint();

        /** @return the organisation certificate for the secured endpoint's mutual TLS */
        SigningCredential secureChannelCredential();

        /** @return the number of documents the patient sees in their DMP */
        int patientViewSize();

        /** @return the messages delivered to the patient's mailbox, after waiting for {@code count} of them */
        List<byte[]> awaitPatientMail(int count, Duration timeout);

        /** @return the patient's mailbox domain */
        String patientDomain();
    }
}
