package io.segursdk.samples.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated values, one record per line (RFC 4180 quoting: {@code "a, b"}, {@code ""} for a quote; a quoted
 * field may not span lines).
 */
final class Csv {

    private Csv() {
    }

    /**
     * Splits one line into fields.
     *
     * @param line the line, without its end of line
     * @return the fields
     * @throws IllegalArgumentException when a quote is not closed or is followed by text before the next comma
     */
    static List<String> parseLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("a quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after a closing quote, at column " + (i + 1));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("a quote inside an unquoted field, at column " + i);
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString().strip());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    /**
     * Joins fields into one line, quoting those that need it.
     *
     * @param fields the fields; null is written as empty
     * @return the line
     */
    static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"").replace('\r', ' ').replace('\n', ' ')).append('"');
            } else {
                out.append(f);
            }
        }
        return out.toString();
    }
}
