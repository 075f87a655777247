package io.segursdk.cardreader.internal;

import java.security.Provider;
import java.security.Security;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place where the SDK changes JVM-wide state: the JCA provider list.
 *
 * <p>JSSE looks the CertificateVerify signature up among the installed providers, so a key held by a SunPKCS11
 * instance can only authenticate a TLS client once that instance is installed ("No supported CertificateVerify
 * signature algorithm for RSA key" otherwise). Each open card therefore gets its own SunPKCS11 instance under a name
 * no other instance has (a second {@code addProvider} with a taken name would be silently ignored), installed at the
 * end of the list (so it never becomes the default for anything else) and removed when the card is closed.
 */
public final class ProviderRegistry {

    private static final AtomicLong COUNTER = new AtomicLong();

    private ProviderRegistry() {
    }

    /**
     * @return a provider name suffix no other card of this JVM has used
     */
    public static String uniqueName() {
        return "SegurCard" + COUNTER.incrementAndGet();
    }

    /**
     * Installs a configured SunPKCS11 instance.
     *
     * @param provider the instance, named with {@link #uniqueName()}
     * @throws IllegalStateException when a provider of that name is already installed
     */
    public static void register(Provider provider) {
        if (Security.addProvider(provider) < 0) {
            throw new IllegalStateException("a security provider named " + provider.getName() + " is already installed");
        }
    }

    /**
     * Removes an instance installed by {@link #register(Provider)}; does nothing when it is not installed.
     *
     * @param provider the instance
     */
    public static void unregister(Provider provider) {
        if (Security.getProvider(provider.getName()) == provider) {
            Security.removeProvider(provider.getName());
        }
    }
}
