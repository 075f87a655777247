package io.segursdk.dmp;

/**
 * An error or warning the DMP registry returned in a {@code RegistryErrorList}.
 *
 * <p>The code context is the registry's own text, meant for the professional. Treat it as untrusted and do not log
 * it: it may repeat request values.
 *
 * @param code        the error code, for example {@code XDSRegistryError} or a DMP-specific code
 * @param codeContext the registry's explanation, possibly empty
 * @param location    where the error arose, possibly empty
 * @param warning     whether it is a warning rather than an error
 */
public record RegistryError(String code, String codeContext, String location, boolean warning) {

    @Override
    public String toString() {
        return (warning ? "Warning[" : "Error[") + code + "]";
    }
}
