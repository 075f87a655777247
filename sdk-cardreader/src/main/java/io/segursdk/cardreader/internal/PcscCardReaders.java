package io.segursdk.cardreader.internal;

import io.segursdk.cardreader.CardEventListener;
import io.segursdk.cardreader.CardReaders;
import io.segursdk.cardreader.CardWatcher;
import io.segursdk.cardreader.PcscUnavailableException;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * {@link CardReaders} over {@code javax.smartcardio}. The factory is asked for the "PC/SC" type explicitly: the
 * default factory silently falls back to an empty "None" implementation when the PC/SC library is missing, which
 * would look like "no reader" instead of an installation problem.
 */
public final class PcscCardReaders implements CardReaders {

    private final TerminalFactory factory;

    private PcscCardReaders(TerminalFactory factory) {
        this.factory = factory;
    }

    /**
     * @return the readers over the system's PC/SC
     * @throws PcscUnavailableException when the PC/SC library cannot be loaded
     */
    public static PcscCardReaders create() {
        try {
            return new PcscCardReaders(TerminalFactory.getInstance("PC/SC", null));
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            throw new PcscUnavailableException("PC/SC is not available in this Java runtime: the PC/SC library"
                    + " (libpcsclite.so.1 on Linux, package libpcsclite1) could not be loaded: " + rootMessage(e), e);
        }
    }

    @Override
    public List<String> readers() {
        List<String> names = new ArrayList<>();
        for (CardTerminal t : list()) {
            names.add(t.getName());
        }
        return names;
    }

    @Override
    public boolean isCardPresent(String reader) {
        for (CardTerminal t : list()) {
            if (t.getName().equals(reader)) {
                try {
                    return t.isCardPresent();
                } catch (CardException e) {
                    throw unavailable(e);
                }
            }
        }
        return false;
    }

    @Override
    public CardWatcher watch(CardEventListener listener) {
        CardTerminals terminals = factory.terminals();
        return ReaderWatcher.start(new ReaderWatcher.Source() {
            @Override
            public Map<String, Boolean> snapshot() {
                Map<String, Boolean> states = new LinkedHashMap<>();
                for (CardTerminal t : list()) {
                    try {
                        states.put(t.getName(), t.isCardPresent());
                    } catch (CardException e) {
                        states.put(t.getName(), false);
                    }
                }
                return states;
            }

            @Override
            public void awaitChange(long timeoutMillis) throws InterruptedException {
                try {
                    terminals.waitForChange(timeoutMillis);
                } catch (CardException | IllegalStateException e) {
                    // No reader yet, or the service is restarting: poll instead.
                    Thread.sleep(timeoutMillis);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }, listener);
    }

    private List<CardTerminal> list() {
        try {
            return factory.terminals().list();
        } catch (CardException e) {
            if (rootMessage(e).contains("SCARD_E_NO_READERS_AVAILABLE")) {
                return List.of();
            }
            throw unavailable(e);
        }
    }

    private static PcscUnavailableException unavailable(CardException e) {
        String detail = rootMessage(e);
        String hint = detail.contains("SCARD_E_NO_SERVICE")
                ? "the PC/SC service is not running (pcscd on Linux, \"Smart Card\" service on Windows)"
                : "the PC/SC service failed";
        return new PcscUnavailableException("Card readers cannot be listed: " + hint + " (" + detail + ")", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
