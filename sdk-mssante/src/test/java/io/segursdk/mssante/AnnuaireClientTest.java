package io.segursdk.mssante;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Annuaire Santé client over the wire against a WireMock stub of the FHIR API serving Bundles shaped like the
 * directory's (professionals with their activities, organisations, several pages, every mailbox kind).
 */
class AnnuaireClientTest {

    private static final String KEY = "test-api-key-0123456789";
    private static final String FHIR = "/fhir/v2";

    private WireMockServer stub;

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        // Anything not stubbed below answers an empty Bundle.
        stub.stubFor(get(anyUrl()).atPriority(10).willReturn(fhir("empty")));
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + stub.port() + FHIR);
    }

    private AnnuaireClient.Builder client() {
        return AnnuaireClient.builder().baseUri(base()).apiKey(KEY);
    }

    private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fhir(String fixture) {
        String body;
        try (InputStream in = AnnuaireClientTest.class.getResourceAsStream("/annuaire/" + fixture + ".json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{BASE}}", base().toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json;charset=UTF-8")
                .withBody(body);
    }

    private void stubMartin() {
        stub.stubFor(get(urlPathEqualTo(FHIR + "/Practitioner")).withQueryParam("name", equalTo("MARTIN"))
                .withQueryParam("_revinclude", equalTo("PractitionerRole:practitioner"))
                .willReturn(fhir("practitioners-martin-1")));
        stub.stubFor(get(urlPathEqualTo(FHIR + "/Practitioner")).withQueryParam("_getpages", equalTo("7f3a2c"))
                .withQueryParam("_getpagesoffset", equalTo("50")).willReturn(fhir("practitioners-martin-2")));
        stub.stubFor(get(urlPathEqualTo(FHIR + "/Organization")).withQueryParam("name:contains", equalTo("MARTIN"))
                .withQueryParam("mailbox-mss:contains", equalTo("@")).willReturn(fhir("organizations-martin")));
    }

    private List<LoggedRequest> requests(String resource) {
        return stub.findAll(getRequestedFor(urlPathEqualTo(FHIR + "/" + resource)));
    }

    @Test
    void byNameFollowsThePagesAndReadsEveryKind() {
        stubMartin();
        try (AnnuaireClient annuaire = client().build()) {
            // tag::annuaire-name[]
            MailboxSearchResult result = annuaire.search(MailboxSearch.byName("MARTIN"));
            for (MailboxEntry mailbox : result.entries()) {
                // mailbox.address(), mailbox.kind() (PERSONAL, ORGANISATIONAL, APPLICATIVE, PRACTICE),
                // mailbox.ownerName(), mailbox.profession(), mailbox.structure()
            }
            // end::annuaire-name[]
            assertThat(result.truncated()).isFalse();
            assertThat(result.entries()).extracting(MailboxEntry::address, MailboxEntry::kind).containsExactly(
                    tuple("julie.martin@medecin.mssante.fr", MailboxKind.PERSONAL),
                    tuple("cabinet.lilas@medecin.mssante.fr", MailboxKind.PRACTICE),
                    tuple("anne.martin@infirmier.mssante.fr", MailboxKind.PERSONAL),
                    tuple("a.martin@ch-test.mssante.fr", MailboxKind.PERSONAL),
                    tuple("pharmacie.martin@pharmacie.mssante.fr", MailboxKind.ORGANISATIONAL),
                    tuple("robot.lgo@pharmacie.mssante.fr", MailboxKind.APPLICATIVE),
                    tuple("resultats@labo-martin.mssante.fr", MailboxKind.APPLICATIVE));
            MailboxEntry julie = result.entries().get(0);
            assertThat(julie.ownerName()).isEqualTo("Julie MARTIN");
            assertThat(julie.profession()).contains("Médecin");
            assertThat(julie.nationalId()).contains("810003461033");
            assertThat(julie.structure()).isEmpty();
            MailboxEntry cabinet = result.entries().get(1);
            assertThat(cabinet.ownerName()).isEqualTo("Julie MARTIN");
            assertThat(cabinet.structure()).contains("CABINET MEDICAL DES LILAS");
            assertThat(cabinet.description()).contains("Cabinet des Lilas");
            assertThat(result.entries().get(3).structure()).contains("CH DE TEST - SERVICE CARDIOLOGIE");
            MailboxEntry pharmacy = result.entries().get(4);
            assertThat(pharmacy.ownerName()).isEqualTo("PHARMACIE MARTIN");
            assertThat(pharmacy.nationalId()).contains("750000001");
            assertThat(pharmacy.description()).contains("Ordonnances des patients");
            // the ordinary contact addresses are not MSSanté mailboxes
            assertThat(result.entries()).extracting(MailboxEntry::address)
                    .doesNotContain("paul.martin@example.org", "contact@pharmacie-martin.fr");
        }
        assertThat(requests("Practitioner")).hasSize(2);
        assertThat(requests("Organization")).hasSize(1);
        assertThat(stub.findAll(anyRequestedFor(anyUrl()))).hasSize(3).allSatisfy(r -> {
            assertThat(r.getHeader(AnnuaireClient.API_KEY_HEADER)).isEqualTo(KEY);
            assertThat(r.getHeader("Accept")).isEqualTo("application/fhir+json");
            assertThat(r.queryParameter("_count").firstValue()).isEqualTo("50");
        });
    }

    @Test
    void kindsAreFilteredClientSideAndUnneededResourcesAreNotQueried() {
        stubMartin();
        try (AnnuaireClient annuaire = client().build()) {
            // tag::annuaire-kinds[]
            List<MailboxEntry> shared = annuaire.search(MailboxSearch.byName("MARTIN")
                    .only(MailboxKind.ORGANISATIONAL)).entries();
            // end::annuaire-kinds[]
            assertThat(shared).singleElement().satisfies(e -> {
                assertThat(e.address()).isEqualTo("pharmacie.martin@pharmacie.mssante.fr");
                assertThat(e.kind()).isEqualTo(MailboxKind.ORGANISATIONAL);
            });
            assertThat(requests("Practitioner")).isEmpty();

            List<MailboxEntry> people = annuaire.search(MailboxSearch.byName("MARTIN")
                    .only(MailboxKind.PERSONAL)).entries();
            assertThat(people).extracting(MailboxEntry::address).containsExactly("julie.martin@medecin.mssante.fr",
                    "anne.martin@infirmier.mssante.fr", "a.martin@ch-test.mssante.fr");
            assertThat(requests("Organization")).hasSize(1);
        }
    }

    @Test
    void byRppsNumberAsksForTheRppsAndTheNationalIdentifier() {
        stub.stubFor(get(urlPathEqualTo(FHIR + "/Practitioner"))
                .withQueryParam("identifier", equalTo("10003461033,810003461033"))
                .willReturn(fhir("practitioner-by-id")));
        try (AnnuaireClient annuaire = client().build()) {
            // tag::annuaire-rpps[]
            List<MailboxEntry> mailboxes = annuaire.search(MailboxSearch.byNationalId("10003461033")).entries();
            // end::annuaire-rpps[]
            assertThat(mailboxes).extracting(MailboxEntry::address).containsExactly(
                    "julie.martin@medecin.mssante.fr", "cabinet.lilas@medecin.mssante.fr");
            assertThat(annuaire.search(MailboxSearch.byNationalId("810003461033")).entries()).hasSize(2);
        }
        assertThat(requests("Practitioner")).hasSize(2);
        assertThatThrownBy(() -> MailboxSearch.byNationalId("1234")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void byAddressExactQueriesEveryCarrierAndKeepsOnlyThatAddress() {
        stub.stubFor(get(urlPathEqualTo(FHIR + "/PractitionerRole"))
                .withQueryParam("mailbox-mss:exact", equalTo("cabinet.lilas@medecin.mssante.fr"))
                .willReturn(fhir("roles-by-address")));
        try (AnnuaireClient annuaire = client().build()) {
            // tag::annuaire-address[]
            MailboxSearchResult result = annuaire.search(MailboxSearch.byAddress("Cabinet.Lilas@medecin.mssante.fr"));
            // end::annuaire-address[]
            assertThat(result.entries()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(MailboxKind.PRACTICE);
                assertThat(e.ownerName()).isEqualTo("Julie MARTIN");
                assertThat(e.profession()).contains("Médecin");
            });
        }
        assertThat(requests("Practitioner")).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("mailbox-mss:exact").firstValue())
                        .isEqualTo("cabinet.lilas@medecin.mssante.fr"));
        assertThat(requests("PractitionerRole")).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("_include").values())
                        .containsExactly("PractitionerRole:practitioner", "PractitionerRole:organization"));
        assertThat(requests("Organization")).hasSize(1);

        try (AnnuaireClient annuaire = client().build()) {
            annuaire.search(MailboxSearch.byAddress("@medecin.mssante.fr").only(MailboxKind.APPLICATIVE));
        }
        assertThat(requests("Organization")).last()
                .satisfies(r -> assertThat(r.queryParameter("mailbox-mss:contains").firstValue())
                        .isEqualTo("@medecin.mssante.fr"));
        assertThat(requests("PractitionerRole")).hasSize(1);
    }

    @Test
    void pagingIsBoundedAndTheResultSaysSo() {
        stubMartin();
        try (AnnuaireClient annuaire = client().maxPages(1).build()) {
            MailboxSearchResult result = annuaire.search(MailboxSearch.byName("MARTIN").only(MailboxKind.PERSONAL));
            assertThat(result.truncated()).isTrue();
            assertThat(result.entries()).extracting(MailboxEntry::address)
                    .containsExactly("julie.martin@medecin.mssante.fr");
        }
        assertThat(requests("Practitioner")).hasSize(1);
    }

    @Test
    void aNextLinkToAnotherOriginIsNotFollowed() {
        WireMockServer other = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        other.start();
        try {
            String page = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"next\","
                    + "\"url\":\"http://127.0.0.1:" + other.port() + FHIR + "/Practitioner?page=2\"}]}";
            stub.stubFor(get(urlPathEqualTo(FHIR + "/Practitioner")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/fhir+json").withBody(page)));
            try (AnnuaireClient annuaire = client().build()) {
                assertThatThrownBy(() -> annuaire.search(MailboxSearch.byName("MARTIN").only(MailboxKind.PERSONAL)))
                        .isInstanceOf(TransportException.class).hasMessageContaining("origin");
            }
            assertThat(other.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        } finally {
            other.stop();
        }
    }

    @Test
    void theClientSideLimiterNeverSendsMoreThanAllowed() {
        stubMartin();
        // 2 requests per minute and no waiting: the search needs 3 requests, the third is refused before sending.
        try (AnnuaireClient annuaire = client().rateLimit(2, Duration.ofMinutes(1)).maxWait(Duration.ZERO).build()) {
            AnnuaireRateLimitException e = catchThrowableOfType(AnnuaireRateLimitException.class,
                    () -> annuaire.search(MailboxSearch.byName("MARTIN")));
            assertThat(e.httpStatus()).isZero();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()
                    .isLessThanOrEqualTo(Duration.ofMinutes(1)));
            assertThatThrownBy(() -> annuaire.search(MailboxSearch.byNationalId("10003461033")))
                    .isInstanceOf(AnnuaireRateLimitException.class);
        }
        assertThat(stub.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void theLimiterLetsRequestsThroughWhenTheWindowAllows() {
        stubMartin();
        try (AnnuaireClient annuaire = client().rateLimit(3, Duration.ofMinutes(1)).maxWait(Duration.ZERO).build()) {
            assertThat(annuaire.search(MailboxSearch.byName("MARTIN")).entries()).hasSize(7);
        }
        assertThat(stub.findAll(anyRequestedFor(anyUrl()))).hasSize(3);
    }

    @Test
    void http429IsRetryableWithTheServersRetryAfter() {
        stub.stubFor(get(urlPathEqualTo(FHIR + "/Organization")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"message\":\"Rate limit exceeded\"}")));
        try (AnnuaireClient annuaire = client().build()) {
            AnnuaireRateLimitException e = catchThrowableOfType(AnnuaireRateLimitException.class,
                    () -> annuaire.search(MailboxSearch.byName("MARTIN").only(MailboxKind.ORGANISATIONAL)));
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.service()).contains(AnnuaireClient.SERVICE);
        }
    }

    @Test
    void refusedKeysAndServerErrorsAreTyped() {
        try (AnnuaireClient annuaire = client().build()) {
            MailboxSearch search = MailboxSearch.byName("MARTIN").only(MailboxKind.ORGANISATIONAL);
            stubStatus(401, "{\"message\":\"Unauthorized\"}");
            assertThatThrownBy(() -> annuaire.search(search)).isInstanceOf(AuthenticationException.class)
                    .hasMessageNotContaining(KEY);
            stubStatus(403, "{\"message\":\"Forbidden\"}");
            assertThatThrownBy(() -> annuaire.search(search)).isInstanceOf(AccessDeniedException.class);
            stubStatus(503, "");
            TransportException t = catchThrowableOfType(TransportException.class, () -> annuaire.search(search));
            assertThat(t.httpStatus()).isEqualTo(503);
            assertThat(t.isRetryable()).isTrue();
            stubStatus(400, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"processing\",\"diagnostics\":\"Unknown search parameter\"}]}");
            ServiceFaultException f = catchThrowableOfType(ServiceFaultException.class, () -> annuaire.search(search));
            assertThat(f.serviceMessage()).contains("Unknown search parameter");
            assertThat(f.code()).contains("HTTP 400");
            assertThat(f.isRetryable()).isFalse();
            stubStatus(200, "not json");
            assertThat(catchThrowableOfType(TransportException.class, () -> annuaire.search(search)).isRetryable())
                    .isFalse();
        }
    }

    @Test
    void aClosedPortIsARetryableTransportFailure() {
        int port = stub.port();
        stub.stop();
        try (AnnuaireClient annuaire = AnnuaireClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + port + FHIR)).apiKey(KEY).build()) {
            TransportException t = catchThrowableOfType(TransportException.class,
                    () -> annuaire.search(MailboxSearch.byNationalId("10003461033")));
            assertThat(t.httpStatus()).isZero();
            assertThat(t.isRetryable()).isTrue();
        }
    }

    @Test
    void builderChecksTheKeyAndRefusesPlainHttpOffLoopback() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> AnnuaireClient.builder().baseUri(URI.create("http://annuaire.example.org/fhir/v2")).build());
        assertThat(e.getMessage()).contains("apiKey").contains("baseUri");
        assertThatThrownBy(() -> AnnuaireClient.builder().apiKey(KEY).rateLimit(0, Duration.ofSeconds(1)).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("rateLimit");
        try (AnnuaireClient c = AnnuaireClient.builder().apiKey(KEY).build()) {
            assertThat(c.baseUri()).isEqualTo(AnnuaireClient.PRODUCTION);
            assertThat(c.toString()).doesNotContain(KEY);
        }
        assertThatThrownBy(() -> MailboxSearch.byName("M")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> MailboxSearch.byAddress("a b")).isInstanceOf(InvalidRequestException.class);
        assertThat(MailboxKind.fromCode("org")).contains(MailboxKind.ORGANISATIONAL);
        assertThat(MailboxKind.fromCode("XYZ")).isEmpty();
        assertThat(MailboxKind.PRACTICE.code()).isEqualTo("CAB");
    }

    private void stubStatus(int status, String body) {
        stub.resetMappings();
        MappingBuilder m = get(anyUrl());
        stub.stubFor(m.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body)));
    }
}
