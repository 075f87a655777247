package io.segursdk.samples.journey;

import io.segursdk.cardreader.CardHolder;
import io.segursdk.cardreader.CpsCard;
import io.segursdk.cardreader.Pkcs11Library;
import io.segursdk.cardreader.TokenSelector;
import io.segursdk.core.auth.psc.ClientAuthentication;
import io.segursdk.core.auth.psc.PscClient;
import io.segursdk.core.auth.psc.PscEnvironment;
import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.Sex;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the journey's configuration file ({@code --config FILE}): a {@code .properties} file naming the national
 * services' endpoints, the professional's and the structure's credentials, the trust anchors, the software's
 * identifiers and the test patient's traits. Every key is documented in docs/configuration.md and in
 * {@code samples/journey/journey-example.properties}.
 *
 * <p>Any value may be written {@code ${env:NAME}} to be read from the environment variable {@code NAME}: that is how
 * passwords, PINs and secrets stay out of the file. Everything is checked here, files opened and PKCS#12 passwords
 * tried, before any network call; the first problem is reported with the key it is about.
 */
final class JourneyConfig {

    /** A configuration problem, about one key. */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String key;

        ConfigException(String key, String message) {
            super(key + ": " + message);
            this.key = key;
        }

        /** @return the key the problem is about */
        String key() {
            return key;
        }
    }

    /** Every key the file may hold. */
    static final Set<String> KEYS = Set.of(
            "journey.environment", "journey.confirm-production",
            "tls.trust-anchors",
            "software.product-name", "software.product-version", "software.installation-id",
            "software.insi-authorisation-number", "software.dmp-homologation-id",
            "professional.identity", "professional.national-id", "professional.name", "professional.profession-code",
            "professional.profession-label", "professional.specialty-code", "professional.specialty-label",
            "professional.billing-id", "professional.activity-sector",
            "professional.pkcs12.file", "professional.pkcs12.password", "professional.pkcs12.authentication-alias",
            "professional.pkcs12.signature-alias",
            "professional.pkcs11.library", "professional.pkcs11.token-label", "professional.pkcs11.slot",
            "professional.pkcs11.pin",
            "psc.issuer", "psc.client-id", "psc.client-authentication", "psc.client-secret", "psc.ciba-channel",
            "structure.id", "structure.name", "structure.oid-root",
            "organisation.pkcs12.file", "organisation.pkcs12.password",
            "insi.endpoint", "insi.organisation.pkcs12.file", "insi.organisation.pkcs12.password",
            "dmp.base-uri",
            "mssante.smtp", "mssante.imap", "mssante.mailbox", "mssante.authentication", "mssante.token",
            "mssante.product-reference",
            "patient.birth-name", "patient.first-names", "patient.sex", "patient.birth-date", "patient.birth-place");

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final Properties properties;
    private final Path base;
    private final Function<String, String> environment;

    private JourneyConfig(Properties properties, Path base, Function<String, String> environment) {
        this.properties = properties;
        this.base = base;
        this.environment = environment;
    }

    /**
     * Reads and checks a configuration file.
     *
     * @param file        the file; relative paths inside it are relative to its directory
     * @param requested   {@code --identity}; {@link Identity#AUTO} takes {@code professional.identity}
     * @param environment reads environment variables
     * @return the journey's setup
     * @throws ConfigException on the first problem found
     */
    static JourneySetup load(Path file, Identity requested, Function<String, String> environment) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config", "cannot read " + file + " (" + e.getMessage() + ")");
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new ConfigException(key, "unknown key (see docs/configuration.md, \"The sample journey\")");
        }
        Path dir = file.toAbsolutePath().getParent();
        return new JourneyConfig(p, dir, environment).setup(requested);
    }

    private JourneySetup setup(Identity requested) {
        String env = choice("journey.environment", null, "test", "production");
        boolean production = env.equals("production");
        if (production && !"yes".equals(optional("journey.confirm-production").orElse(""))) {
            throw new ConfigException("journey.confirm-production", "must be 'yes' with journey.environment ="
                    + " production: the journey writes a document into a real patient's DMP and sends them a message");
        }
        TlsOptions trust = TlsOptions.builder().trustAnchors(trustAnchors()).build();
        SoftwareInfo software;
        try {
            software = SoftwareInfo.builder()
                    .productName(required("software.product-name"))
                    .productVersion(required("software.product-version"))
                    .installationId(uuid("software.installation-id"))
                    .insiAuthorisationNumber(required("software.insi-authorisation-number"))
                    .dmpHomologationId(required("software.dmp-homologation-id"))
                    .build();
        } catch (SegurException | IllegalArgumentException e) {
            throw new ConfigException("software.*", e.getMessage());
        }
        JourneySetup.ProfessionalInfo professional = new JourneySetup.ProfessionalInfo(
                digits("professional.national-id"), required("professional.name"),
                required("professional.profession-code"), required("professional.profession-label"),
                required("professional.specialty-code"), required("professional.specialty-label"),
                required("professional.billing-id"), required("professional.activity-sector"));
        JourneySetup.StructureInfo structure = new JourneySetup.StructureInfo(required("structure.id"),
                required("structure.name"), oid("structure.oid-root"));

        Identity identity = requested;
        if (identity == Identity.AUTO) {
            identity = Identity.valueOf(choice("professional.identity", null, "card", "software", "ecps")
                    .toUpperCase(Locale.ROOT));
        }
        Optional<SigningCredential> organisation = pkcs12("organisation.pkcs12", null);
        Optional<SigningCredential> insiOrganisation = pkcs12("insi.organisation.pkcs12", null).or(() -> organisation);
        JourneySetup.IdentitySource source = switch (identity) {
            case SOFTWARE -> softwareIdentity();
            case CARD -> cardIdentity();
            default -> ecpsIdentity(production, trust, organisation, professional.nationalId());
        };
        if (identity == Identity.ECPS && organisation.isEmpty()) {
            throw new ConfigException("organisation.pkcs12.file", "required with e-CPS: the DMP (indirect reinforced"
                    + " mode) and INSi are then called with the structure's certificate");
        }

        Optional<JourneySetup.MailSetup> mail = mail(production, trust, organisation, identity);
        return new JourneySetup("segur-sdk journey on the configured services ("
                + env + ", identity: " + identity.name().toLowerCase(Locale.ROOT) + ")",
                production ? InsiClient.Environment.PRODUCTION : InsiClient.Environment.QUALIFICATION,
                optional("insi.endpoint").map(v -> https("insi.endpoint", v)),
                https("dmp.base-uri", required("dmp.base-uri")), trust, software, professional, structure, source,
                organisation, insiOrganisation, patient(), mail,
                "no mssante.* keys in the configuration", Optional.empty());
    }

    private JourneySetup.IdentitySource softwareIdentity() {
        String authAlias = optional("professional.pkcs12.authentication-alias").orElse(null);
        String signAlias = optional("professional.pkcs12.signature-alias").orElse(null);
        SigningCredential authentication = pkcs12("professional.pkcs12", authAlias).orElseThrow(() ->
                new ConfigException("professional.pkcs12.file", "required with professional.identity = software"));
        SigningCredential signature = pkcs12("professional.pkcs12", signAlias).orElseThrow();
        return () -> new ProfessionalSession("software", Optional.of(authentication), Optional.of(signature),
                Optional.empty(), "PKCS#12 credentials: " + EmbeddedServices.describe(signature), () -> { });
    }

    private JourneySetup.IdentitySource cardIdentity() {
        String library = required("professional.pkcs11.library");
        Optional<String> label = optional("professional.pkcs11.token-label");
        Optional<String> slot = optional("professional.pkcs11.slot");
        if (label.isPresent() == slot.isPresent()) {
            throw new ConfigException("professional.pkcs11.token-label", "give either a token label or"
                    + " professional.pkcs11.slot, not both or neither");
        }
        TokenSelector selector = label.map(TokenSelector::label).orElseGet(() -> {
            try {
                return TokenSelector.slot(Long.parseLong(slot.get()));
            } catch (NumberFormatException e) {
                throw new ConfigException("professional.pkcs11.slot", "not a slot number");
            }
        });
        Pkcs11Library pkcs11;
        if (library.equals("cryptolib")) {
            pkcs11 = Pkcs11Library.cryptolibCps();
        } else {
            Path path = file("professional.pkcs11.library", library);
            pkcs11 = Pkcs11Library.at(path);
        }
        char[] pin = required("professional.pkcs11.pin").toCharArray();
        return () -> {
            CpsCard card = pkcs11.open(selector, pin.clone());
            SigningCredential signature = card.signatureCredential();
            CardHolder holder = card.holder().orElse(null);
            return new ProfessionalSession("card", Optional.of(card.authenticationCredential()),
                    Optional.of(signature), Optional.empty(), "CPS through PKCS#11 (" + pkcs11.path() + ", token "
                    + card.tokenLabel() + "), PIN checked by the card: "
                    + (holder == null ? "no CPS certificate" : EmbeddedServices.describe(signature)), card);
        };
    }

    private JourneySetup.IdentitySource ecpsIdentity(boolean production, TlsOptions trust,
                                                     Optional<SigningCredential> organisation, String nationalId) {
        PscEnvironment environment = optional("psc.issuer").map(v -> PscEnvironment.custom(https("psc.issuer", v)))
                .orElse(production ? PscEnvironment.PRODUCTION : PscEnvironment.BAS);
        String clientId = required("psc.client-id");
        String method = choice("psc.client-authentication", "secret", "secret", "private-key-jwt", "tls-client-auth");
        ClientAuthentication authentication = switch (method) {
            case "secret" -> ClientAuthentication.clientSecretBasic(required("psc.client-secret"));
            case "private-key-jwt" -> ClientAuthentication.privateKeyJwt(organisation.orElseThrow(() ->
                    new ConfigException("organisation.pkcs12.file", "required by psc.client-authentication")));
            default -> ClientAuthentication.tlsClientAuth(organisation.orElseThrow(() ->
                    new ConfigException("organisation.pkcs12.file", "required by psc.client-authentication")));
        };
        PscClient.CibaChannel channel = PscClient.CibaChannel.valueOf(
                choice("psc.ciba-channel", "mobile", "mobile", "card").toUpperCase(Locale.ROOT));
        return () -> EcpsLogin.login(PscClient.builder().environment(environment).clientId(clientId)
                .clientAuthentication(authentication).tls(trust).build(), nationalId, channel,
                "Pro Santé Connect at " + environment.discoveryUri().getHost());
    }

    private Optional<JourneySetup.MailSetup> mail(boolean production, TlsOptions trust,
                                                  Optional<SigningCredential> organisation, Identity identity) {
        if (properties.stringPropertyNames().stream().noneMatch(k -> k.startsWith("mssante."))) {
            return Optional.empty();
        }
        String[] smtp = hostPort("mssante.smtp");
        String[] imap = hostPort("mssante.imap");
        String mailbox = required("mssante.mailbox");
        if (!mailbox.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new ConfigException("mssante.mailbox", "not a mail address");
        }
        String method = choice("mssante.authentication", null, "psc", "certificate", "token");
        Function<ProfessionalSession, MssanteAuthentication> auth;
        String description;
        switch (method) {
            case "psc" -> {
                if (identity != Identity.ECPS) {
                    throw new ConfigException("mssante.authentication", "psc needs professional.identity = ecps"
                            + " (or --identity=ecps): the token comes from the professional's e-CPS login");
                }
                auth = session -> MssanteAuthentication.xoauth2(session.psc().orElseThrow());
                description = "XOAUTH2 with the professional's Pro Santé Connect access token";
            }
            case "certificate" -> {
                SigningCredential credential = organisation.orElseThrow(() -> new ConfigException(
                        "organisation.pkcs12.file", "required by mssante.authentication = certificate"));
                auth = session -> MssanteAuthentication.clientCertificate(credential);
                description = "the structure's certificate (application mailbox, mutual TLS)";
            }
            default -> {
                String token = required("mssante.token");
                auth = session -> MssanteAuthentication.xoauth2(() -> token);
                description = "XOAUTH2 with the access token of mssante.token";
            }
        }
        return Optional.of(new JourneySetup.MailSetup(smtp[0], Integer.parseInt(smtp[1]), imap[0],
                Integer.parseInt(imap[1]), mailbox, auth, description, required("mssante.product-reference"),
                production ? MssanteEnvironment.PRODUCTION : MssanteEnvironment.TEST,
                trust.toBuilder().ansCipherSuitesOnly(true).build()));
    }

    private IdentityTraits patient() {
        String sex = choice("patient.sex", null, "F", "M");
        String birthDate = required("patient.birth-date");
        if (!birthDate.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new ConfigException("patient.birth-date", "expected YYYY-MM-DD (00 for an unknown day or month)");
        }
        try {
            IdentityTraits.Builder b = IdentityTraits.builder()
                    .birthName(required("patient.birth-name"))
                    .birthFirstNames(Arrays.stream(required("patient.first-names").split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new))
                    .sex(sex.equals("F") ? Sex.F : Sex.M)
                    .birthDate(birthDate);
            optional("patient.birth-place").ifPresent(b::birthPlace);
            return b.build();
        } catch (RuntimeException e) {
            // the exception's message may quote the traits: do not repeat it
            throw new ConfigException("patient.*", "the patient's traits are not valid INS traits ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private List<X509Certificate> trustAnchors() {
        List<X509Certificate> anchors = new ArrayList<>();
        for (String name : required("tls.trust-anchors").split(",")) {
            Path path = file("tls.trust-anchors", name.strip());
            try (InputStream in = Files.newInputStream(path)) {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (var c : factory.generateCertificates(in)) {
                    anchors.add((X509Certificate) c);
                }
            } catch (IOException | CertificateException e) {
                throw new ConfigException("tls.trust-anchors", "cannot read certificates from " + path);
            }
        }
        if (anchors.isEmpty()) {
            throw new ConfigException("tls.trust-anchors", "no certificate found");
        }
        return anchors;
    }

    private Optional<SigningCredential> pkcs12(String prefix, String alias) {
        Optional<String> name = optional(prefix + ".file");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path path = file(prefix + ".file", name.get());
        char[] password = required(prefix + ".password").toCharArray();
        try {
            return Optional.of(alias == null ? SoftwareCredential.fromPkcs12(path, password)
                    : SoftwareCredential.fromPkcs12(path, password, alias));
        } catch (SegurException e) {
            throw new ConfigException(prefix + ".file", "cannot open " + path + " with " + prefix + ".password"
                    + (alias == null ? "" : " and alias " + alias) + " (" + e.getMessage() + ")");
        }
    }

    // ------------------------------------------------------------------------------------------------ value readers

    private Optional<String> optional(String key) {
        String raw = properties.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Matcher m = ENV.matcher(raw.strip());
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null) {
                throw new ConfigException(key, "the environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(value, Matcher.quoteReplacement(v));
        }
        m.appendTail(value);
        return Optional.of(value.toString());
    }

    private String required(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(key, "missing (required)"));
    }

    private String choice(String key, String defaultValue, String... allowed) {
        String value = optional(key).orElse(defaultValue);
        if (value == null) {
            throw new ConfigException(key, "missing (one of " + String.join(", ", allowed) + ")");
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new ConfigException(key, "'" + value + "' is not one of " + String.join(", ", allowed));
    }

    private String digits(String key) {
        String value = required(key);
        if (!value.matches("\\d{6,20}")) {
            throw new ConfigException(key, "expected digits (8 + RPPS for a physician)");
        }
        return value;
    }

    private String oid(String key) {
        String value = required(key);
        if (!value.matches("[0-2](\\.(0|[1-9]\\d*))+")) {
            throw new ConfigException(key, "not an OID");
        }
        return value;
    }

    private UUID uuid(String key) {
        try {
            return UUID.fromString(required(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "not a UUID (generate one per installation)");
        }
    }

    private URI https(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(key, "expected an https:// URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "not a URL");
        }
    }

    private String[] hostPort(String key) {
        String value = required(key);
        int colon = value.lastIndexOf(':');
        try {
            if (colon <= 0 || Integer.parseInt(value.substring(colon + 1)) <= 0
                    || Integer.parseInt(value.substring(colon + 1)) > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected host:port");
        }
        return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }

    private Path file(String key, String name) {
        Path path = base.resolve(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(key, "no readable file at " + path);
        }
        return path;
    }
}
