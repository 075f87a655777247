package io.segursdk.cardreader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CardReadersTest {

    @Test
    void inMemoryReadersReportInsertionsAndRemovals() throws Exception {
        InMemoryCardReaders readers = new InMemoryCardReaders();
        readers.connect("Reader A").connect("Reader B").insertCard("Reader B");
        assertThat(readers.readers()).containsExactly("Reader A", "Reader B");
        assertThat(readers.isCardPresent("Reader A")).isFalse();
        assertThat(readers.isCardPresent("Reader B")).isTrue();

        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        // tag::watch[]
        try (CardWatcher watcher = readers.watch(event -> {
            if (event.type() == CardEvent.Type.REMOVED) {
                // close the CpsCard opened on this reader: its keys are gone
            }
            events.add(event);
        })) {
            // end::watch[]
            assertThat(events.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new CardEvent(CardEvent.Type.INSERTED, "Reader B"));
            readers.insertCard("Reader A");
            assertThat(events.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new CardEvent(CardEvent.Type.INSERTED, "Reader A"));
            readers.removeCard("Reader B");
            assertThat(events.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new CardEvent(CardEvent.Type.REMOVED, "Reader B"));
            readers.disconnect("Reader A");
            assertThat(events.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new CardEvent(CardEvent.Type.REMOVED, "Reader A"));
        }
        readers.connect("Reader C").insertCard("Reader C");
        assertThat(events.poll(300, TimeUnit.MILLISECONDS)).as("no event after close").isNull();
    }

    @Test
    void aFailingListenerDoesNotStopTheWatcher() throws Exception {
        InMemoryCardReaders readers = new InMemoryCardReaders().connect("R");
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        try (CardWatcher watcher = readers.watch(event -> {
            events.add(event);
            throw new IllegalStateException("listener bug");
        })) {
            readers.insertCard("R");
            assertThat(events.poll(10, TimeUnit.SECONDS)).extracting(CardEvent::type).isEqualTo(CardEvent.Type.INSERTED);
            readers.removeCard("R");
            assertThat(events.poll(10, TimeUnit.SECONDS)).extracting(CardEvent::type).isEqualTo(CardEvent.Type.REMOVED);
        }
    }

    @Test
    void pcscEitherListsReadersOrSaysClearlyWhyItCannot() {
        // Depends on the machine: with pcscd running, readers are listed; without the library or the service,
        // the error is typed and names what is missing. No other outcome is acceptable.
        try {
            List<String> names = CardReaders.pcsc().readers();
            assertThat(names).doesNotContainNull();
        } catch (PcscUnavailableException e) {
            assertThat(e.getMessage()).containsAnyOf("libpcsclite", "pcscd", "PC/SC service");
            assertThat(e.service()).contains("PC/SC");
        }
    }
}
