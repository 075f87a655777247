package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The DMP value sets, as versioned data: which codes the DMP accepts in each value-set-bound field of a feed
 * ({@link DmpValueSet}). A feed is checked against them before anything is sent: an unknown code is an
 * {@link InvalidRequestException} listing every violation.
 *
 * <p>The SDK bundles a version ({@link #bundled()}) written from the ANS's public sample messages. It is not the
 * full list of the ANS "jeux de valeurs": a vendor refreshes it from the ANS's published terminologies and loads the
 * newer file with {@link #load(Path)} (see docs/dmp-metadata.md for the file format). A value set with no code in
 * the loaded file is not checked.
 *
 * <p>Immutable and thread-safe.
 */
public final class DmpValueSets {

    private static final String BUNDLED_VERSION = "2026.1";
    private static final String BUNDLED = "valuesets/" + BUNDLED_VERSION + "/dmp-valuesets.tsv";

    /** Display names by (code system, code), per value set. */
    private final Map<DmpValueSet, Map<Key, String>> sets;
    private final String version;

    private record Key(String codeSystem, String code) {
    }

    private DmpValueSets(Map<DmpValueSet, Map<Key, String>> sets, String version) {
        this.sets = sets;
        this.version = version;
    }

    /**
     * The value sets bundled with this version of the SDK.
     *
     * @return the bundled value sets
     */
    public static DmpValueSets bundled() {
        try (InputStream in = DmpValueSets.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("The bundled DMP value sets are missing from the class path");
            }
            return load(in, "bundled " + BUNDLED_VERSION);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled DMP value sets", e);
        }
    }

    /**
     * Loads a value-set file, for example a newer one a vendor made from the ANS's published terminologies.
     *
     * @param file the file (UTF-8, the format of docs/dmp-metadata.md)
     * @return the value sets
     * @throws InvalidRequestException listing every malformed line
     * @throws UncheckedIOException    when the file cannot be read
     */
    public static DmpValueSets load(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the DMP value sets " + file, e);
        }
    }

    /**
     * Loads value sets from a stream, which the caller closes.
     *
     * @param in     the content (UTF-8, the format of docs/dmp-metadata.md)
     * @param source a name for the content, used in error messages
     * @return the value sets
     * @throws InvalidRequestException listing every malformed line
     * @throws UncheckedIOException    when the stream cannot be read
     */
    public static DmpValueSets load(InputStream in, String source) {
        Objects.requireNonNull(in, "in");
        Map<DmpValueSet, Map<Key, String>> sets = new EnumMap<>(DmpValueSet.class);
        String version = null;
        Violations v = new Violations();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                String where = source + " line " + n;
                if ("@version".equals(cols[0])) {
                    v.require(cols.length == 2 && !cols[1].isBlank() && version == null, where,
                            "must be '@version<TAB>version', once");
                    version = cols.length == 2 ? cols[1].trim() : version;
                    continue;
                }
                if (cols.length < 3 || cols.length > 4) {
                    v.add(where, "must be value set, code system, code and optional display name, TAB-separated");
                    continue;
                }
                DmpValueSet set = valueSet(cols[0]);
                if (set == null) {
                    v.add(where, "unknown value set '" + cols[0] + "'");
                    continue;
                }
                if (cols[1].isBlank() || cols[2].isBlank()) {
                    v.add(where, "code system and code must not be blank");
                    continue;
                }
                sets.computeIfAbsent(set, k -> new LinkedHashMap<>())
                        .put(new Key(cols[1].trim(), cols[2].trim()), cols.length == 4 ? cols[3].trim() : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the DMP value sets " + source, e);
        }
        v.require(version != null, source, "must name its version in an '@version' line");
        v.throwIfAny();
        sets.replaceAll((k, m) -> Collections.unmodifiableMap(m));
        return new DmpValueSets(Collections.unmodifiableMap(sets), version);
    }

    private static DmpValueSet valueSet(String name) {
        for (DmpValueSet s : DmpValueSet.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** @return the data version, from the file's {@code @version} line */
    public String version() {
        return version;
    }

    /**
     * @param set a value set
     * @return whether the loaded data holds codes for it (a value set without codes is not checked)
     */
    public boolean isChecked(DmpValueSet set) {
        return sets.containsKey(set);
    }

    /**
     * @param set  a value set
     * @param code a coded value
     * @return whether the code (with its code system) is in the value set, or the value set is not checked
     */
    public boolean accepts(DmpValueSet set, CodedValue code) {
        Map<Key, String> codes = sets.get(set);
        return codes == null || code != null && codes.containsKey(new Key(code.codeSystem(), code.code()));
    }

    /**
     * @param set        a value set
     * @param codeSystem the code system
     * @param code       the code
     * @return the code with its display name, when the value set holds it
     */
    public Optional<CodedValue> find(DmpValueSet set, String codeSystem, String code) {
        Map<Key, String> codes = sets.getOrDefault(set, Map.of());
        String display = codes.get(new Key(codeSystem, code));
        return display == null ? Optional.empty() : Optional.of(new CodedValue(code, codeSystem, display));
    }

    /**
     * @param set a value set
     * @return its codes, in file order; empty when it is not checked
     */
    public List<CodedValue> codes(DmpValueSet set) {
        return sets.getOrDefault(set, Map.of()).entrySet().stream()
                .map(e -> new CodedValue(e.getKey().code(), e.getKey().codeSystem(), e.getValue())).toList();
    }

    /**
     * Checks every value-set-bound field of a feed: class, type, format, facility type, practice setting,
     * confidentiality codes, content type and the authors' specialties.
     *
     * @param submission the feed
     * @throws InvalidRequestException listing every code not in its value set
     */
    public void validate(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        Violations v = new Violations();
        DocumentMetadata m = submission.metadata();
        check(v, "metadata.classCode", DmpValueSet.CLASS_CODE, m.classCode());
        check(v, "metadata.typeCode", DmpValueSet.TYPE_CODE, m.typeCode());
        check(v, "document.formatCode", DmpValueSet.FORMAT_CODE, submission.document().formatCode());
        check(v, "metadata.healthcareFacilityType", DmpValueSet.HEALTHCARE_FACILITY_TYPE,
                m.healthcareFacilityType());
        check(v, "metadata.practiceSetting", DmpValueSet.PRACTICE_SETTING, m.practiceSetting());
        for (CodedValue c : m.visibility().confidentialityCodes()) {
            check(v, "metadata.visibility", DmpValueSet.CONFIDENTIALITY, c);
        }
        check(v, "contentType", DmpValueSet.CONTENT_TYPE, submission.contentType());
        for (int i = 0; i < m.authors().size(); i++) {
            check(v, "metadata.authors[" + i + "].specialty", DmpValueSet.AUTHOR_SPECIALTY,
                    m.authors().get(i).specialty());
        }
        m.legalAuthenticator().ifPresent(a ->
                check(v, "metadata.legalAuthenticator.specialty", DmpValueSet.AUTHOR_SPECIALTY, a.specialty()));
        v.throwIfAny();
    }

    private void check(Violations v, String field, DmpValueSet set, CodedValue code) {
        if (code != null && !accepts(set, code)) {
            v.add(field, "'" + code.code() + "' (" + code.codeSystem() + ") is not in " + set.label()
                    + " (DMP value sets " + version + ")");
        }
    }

    @Override
    public String toString() {
        return "DmpValueSets[" + version + ", " + sets.keySet() + "]";
    }
}
