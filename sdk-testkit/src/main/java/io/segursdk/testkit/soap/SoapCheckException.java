package io.segursdk.testkit.soap;

/**
 * A check a simulator makes on a request failed. Carries the SOAP 1.2 fault code ({@code Sender} or
 * {@code Receiver}) and, optionally, a subcode, so that the simulator answers with the fault the real service would.
 */
public class SoapCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String subcode;

    /**
     * @param code   {@code Sender} or {@code Receiver}
     * @param reason the reason, as the fault's Reason/Text
     */
    public SoapCheckException(String code, String reason) {
        this(code, null, reason);
    }

    /**
     * @param code    {@code Sender} or {@code Receiver}
     * @param subcode the subcode's local name, or null
     * @param reason  the reason, as the fault's Reason/Text
     */
    public SoapCheckException(String code, String subcode, String reason) {
        super(reason);
        this.code = code;
        this.subcode = subcode;
    }

    /** @return {@code Sender} or {@code Receiver} */
    public String code() {
        return code;
    }

    /** @return the subcode, or null */
    public String subcode() {
        return subcode;
    }
}
