package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InsNamesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "lowercase            | martinvaux                | MARTINVAUX",
            "accents              | Hélène-Bérénice Çaréme    | HELENE-BERENICE CAREME",
            "diaeresis and circ   | Noël Benoît               | NOEL BENOIT",
            "ligature AE          | Lætitia Æsop              | LAETITIA AESOP",
            "ligature OE          | Cœurdoux Œillet           | COEURDOUX OEILLET",
            "typographic apostr.  | d’Orvalle                 | D'ORVALLE",
            "ascii apostrophe     | D'ORVALLE                 | D'ORVALLE",
            "en dash as hyphen    | Leroc–Vasseur             | LEROC-VASSEUR",
            "double hyphen kept   | LEROC--VASSEUR            | LEROC--VASSEUR",
            "double spaces        | '  de   la  Tourvaine  '  | DE LA TOURVAINE",
            "tab and nbsp         | 'de\tla\u00a0Tourvaine'   | DE LA TOURVAINE",
            "german sharp s       | Straßvogel                | STRASSVOGEL",
    })
    void normalisesNames(String why, String typed, String expected) {
        String input = typed.replace("\\t", "\t").replace("\\u00a0", "\u00a0");
        assertThat(InsNames.normalizeName("birthName", input)).isEqualTo(expected);
    }

    @Test
    void normalisesAFirstName() {
        assertThat(InsNames.normalizeFirstName("birthFirstNames[0]", "jean-éric")).isEqualTo("JEAN-ERIC");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "digit               | MARTIN2",
            "dot                 | ST. CYRANE",
            "comma               | MARTIN, VAUX",
            "underscore          | MARTIN_VAUX",
            "letter without A-Z  | BØRSEN",
            "non-latin script    | Ωμέγα",
            "at sign             | MARTIN@VAUX",
    })
    void refusesForbiddenCharacters(String why, String typed) {
        assertThat(violation("birthName", typed)).isEqualTo(new Violation("birthName",
                "contains a character outside the INS alphabet that cannot be normalised (allowed: letters A-Z, "
                        + "accents are removed and \u00c6/\u0152 expanded, space, apostrophe, hyphen)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "leading hyphen      | -MARTIN",
            "trailing apostrophe | MARTIN'",
            "triple hyphen       | LEROC---VASSEUR",
            "apostrophe + space  | D' ORVALLE",
            "hyphen + apostrophe | D-'ORVALLE",
            "lone apostrophe     | '''",
    })
    void refusesMisplacedSeparators(String why, String typed) {
        assertThat(violation("birthName", typed)).isEqualTo(new Violation("birthName",
                "must start and end with a letter, and each space, apostrophe, hyphen or double hyphen must stand "
                        + "between two letters"));
    }

    @Test
    void emptyAfterNormalisationIsMissing() {
        assertThat(violation("birthName", "   ")).isEqualTo(new Violation("birthName", "is required"));
        assertThat(violation("birthName", null)).isEqualTo(new Violation("birthName", "is required"));
    }

    @Test
    void aSingleFirstNameHasNoSpace() {
        InvalidRequestException e = catchThrowableOfType(
                () -> InsNames.normalizeFirstName("birthFirstNames[1]", "MARIE CLAIRE"),
                InvalidRequestException.class);
        assertThat(e.violations()).containsExactly(new Violation("birthFirstNames[1]",
                "a single first name must not contain a space: give each first name separately"));
    }

    @Test
    void theErrorNeverEchoesTheValue() {
        InvalidRequestException e = catchThrowableOfType(() -> InsNames.normalizeName("birthName", "VAUXMARTIN9"),
                InvalidRequestException.class);
        assertThat(e.getMessage()).contains("birthName").doesNotContain("VAUXMARTIN");
    }

    private static Violation violation(String field, String typed) {
        InvalidRequestException e = catchThrowableOfType(() -> InsNames.normalizeName(field, typed),
                InvalidRequestException.class);
        assertThat(e).as("expected a violation").isNotNull();
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0);
    }
}
