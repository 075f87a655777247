package io.segursdk.core.internal.xml;

import org.apache.xml.security.Init;

/**
 * Apache Santuario's one-time initialisation, done lazily the first time the SDK signs or verifies XML. Santuario
 * keeps its algorithm registry to itself; the SDK changes none of its defaults.
 */
public final class Santuario {

    private Santuario() {
    }

    /** Initialises Santuario once; cheap on every later call. */
    public static void ensureInitialised() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            Init.init();
        }

        static void touch() {
            // loading this class ran Init.init() exactly once
        }
    }
}
