package io.segursdk.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.soap.support.TestCerts;
import io.segursdk.core.tls.TlsOptions;

import java.net.URI;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.junit.jupiter.api.Test;

/** Building and closing clients leaves no CXF bus behind as the thread's or the JVM's default. */
class SoapClientIsolationTest {

    @Test
    void clientsLeaveNoDefaultBusBehind() {
        Bus threadBefore = BusFactory.getThreadDefaultBus(false);
        Bus globalBefore = BusFactory.getDefaultBus(false);
        TlsOptions tls = TlsOptions.builder().addTrustAnchor(TestCerts.create("ISOLATION ROOT").root()).build();
        try (SoapClient a = SoapClient.builder().service("A").endpoint(URI.create("https://127.0.0.1:9/a")).tls(tls)
                .build();
             SoapClient b = SoapClient.builder().service("B").endpoint(URI.create("https://127.0.0.1:9/b")).tls(tls)
                     .mtom(true).build()) {
            assertThat(BusFactory.getThreadDefaultBus(false)).isSameAs(threadBefore);
            assertThat(BusFactory.getDefaultBus(false)).isSameAs(globalBefore);
            assertThat(a.service()).isEqualTo("A");
            assertThat(b.endpoint()).hasPath("/b");
        }
        assertThat(BusFactory.getThreadDefaultBus(false)).isSameAs(threadBefore);
        assertThat(BusFactory.getDefaultBus(false)).isSameAs(globalBefore);
    }
}
