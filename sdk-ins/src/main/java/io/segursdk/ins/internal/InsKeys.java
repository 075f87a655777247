package io.segursdk.ins.internal;

/**
 * The INS matricule key: 97 minus the 13-character number modulo 97, Corsica's "2A" read as 19 and "2B" as 18.
 * Internal; vendors use {@code Ins.computeKey}.
 */
public final class InsKeys {

    private InsKeys() {
    }

    /**
     * Whether the 13-character number has the INS shape: digits, except "2A" or "2B" at positions 6-7.
     *
     * @param number the number, may be {@code null}
     * @return whether the key can be computed
     */
    public static boolean isWellFormedNumber(String number) {
        if (number == null || number.length() != 13) {
            return false;
        }
        for (int i = 0; i < 13; i++) {
            char c = number.charAt(i);
            if (i == 6 && number.charAt(5) == '2' && (c == 'A' || c == 'B')) {
                continue;
            }
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Computes the key.
     *
     * @param number a well-formed 13-character number (see {@link #isWellFormedNumber(String)})
     * @return the 2-digit key
     */
    public static String compute(String number) {
        if (!isWellFormedNumber(number)) {
            throw new IllegalArgumentException("not a well-formed 13-character INS number");
        }
        String digits = number;
        if (number.charAt(6) == 'A') {
            digits = number.substring(0, 5) + "19" + number.substring(7);
        } else if (number.charAt(6) == 'B') {
            digits = number.substring(0, 5) + "18" + number.substring(7);
        }
        long n = Long.parseLong(digits);
        int key = (int) (97 - (n % 97));
        return key < 10 ? "0" + key : Integer.toString(key);
    }
}
