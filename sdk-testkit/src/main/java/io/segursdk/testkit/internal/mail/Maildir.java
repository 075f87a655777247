package io.segursdk.testkit.internal.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the maildirs Dovecot writes ({@code <root>/<domain>/<local part>/}): every message file of every folder, in
 * delivery order, and the header fields the operator rules need.
 */
public final class Maildir {

    private static final Pattern FILE_TIME = Pattern.compile("^(\\d+)\\.M(\\d+)P.*");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^>]*)>");
    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private final Path root;

    /**
     * @param root the directory holding one directory per domain
     */
    public Maildir(Path root) {
        this.root = root;
    }

    /**
     * The directory of a mailbox.
     *
     * @param address the mailbox address
     * @return its directory (may not exist yet)
     */
    public Path mailboxDir(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || a.contains("/") || a.contains("..")) {
            throw new IllegalArgumentException("not a mailbox address");
        }
        return root.resolve(a.substring(at + 1)).resolve(a.substring(0, at));
    }

    /**
     * Every message file of a mailbox, all folders, oldest delivery first.
     *
     * @param address the mailbox address
     * @return the files; empty when the mailbox has received nothing
     */
    public List<Path> messages(String address) {
        Path dir = mailboxDir(address);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .filter(p -> p.getParent() != null && p.getParent().getFileName() != null)
                    .filter(p -> {
                        String parent = p.getParent().getFileName().toString();
                        return parent.equals("new") || parent.equals("cur");
                    })
                    .forEach(files::add);
            files.sort(Comparator.comparingLong(Maildir::deliveryMicros).thenComparing(p -> p.getFileName().toString()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The header fields of a message file, names lower-cased, folded lines joined; the first occurrence wins.
     *
     * @param file a message file
     * @return the fields
     */
    public static Map<String, String> headers(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_HEADER_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        if (end >= 0) {
            text = text.substring(0, end);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                fields.putIfAbsent(name, value.toString().strip());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            fields.putIfAbsent(name, value.toString().strip());
        }
        return fields;
    }

    /**
     * The bare address of an address header such as {@code From}.
     *
     * @param header the header value, e.g. {@code "Dr Martin" <martin@x.fr>}
     * @return the address, lower-cased, or empty
     */
    public static Optional<String> address(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher m = ANGLE_ADDRESS.matcher(header);
        String a = m.find() ? m.group(1) : header;
        a = a.strip().toLowerCase(Locale.ROOT);
        return a.contains("@") ? Optional.of(a) : Optional.empty();
    }

    private static long deliveryMicros(Path file) {
        Matcher m = FILE_TIME.matcher(file.getFileName().toString());
        if (m.matches()) {
            try {
                return Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                // falls through to the file time
            }
        }
        try {
            return Files.getLastModifiedTime(file).toMillis() * 1000L;
        } catch (IOException e) {
            return 0L;
        }
    }
}
