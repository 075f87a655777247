package io.segursdk.testkit.internal.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final int SETTLE_ATTEMPTS = 50;

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
     * Every message of a mailbox, all folders, oldest delivery first, with its content. Dovecot creates, renames
     * (from {@code new/} to {@code cur/}, on flag changes) and removes files while this reads them: a reading that
     * met a vanishing file, or that a second listing contradicts, is taken again, so the result is one consistent
     * view.
     *
     * @param address the mailbox address
     * @return the RFC 5322 bytes of each message; empty when the mailbox has received nothing
     */
    public List<byte[]> contents(String address) {
        Path dir = mailboxDir(address);
        for (int attempt = 1; ; attempt++) {
            try {
                List<Path> files = list(dir);
                List<byte[]> out = new ArrayList<>();
                for (Path file : files) {
                    out.add(Files.readAllBytes(file));
                }
                // a message moved (new/ to cur/, folder to folder) between two directories' listings can be missed
                // without any error: the view holds only when a second listing finds the same files
                if (files.equals(list(dir))) {
                    return out;
                }
                settle(attempt, new NoSuchFileException(dir.toString(), null, "changed while read"));
            } catch (NoSuchFileException e) {
                settle(attempt, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.getParent() != null && p.getParent().getFileName() != null)
                    .filter(p -> {
                        String parent = p.getParent().getFileName().toString();
                        return parent.equals("new") || parent.equals("cur");
                    })
                    .filter(Files::isRegularFile)
                    .forEach(files::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        files.sort(Comparator.comparingLong(Maildir::deliveryMicros).thenComparing(p -> p.getFileName().toString()));
        return files;
    }

    /** Waits a moment before reading a maildir again after a file vanished; gives up after many tries. */
    private static void settle(int attempt, NoSuchFileException e) {
        if (attempt >= SETTLE_ATTEMPTS) {
            throw new UncheckedIOException("the maildir kept changing while read", e);
        }
        try {
            Thread.sleep(5L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("interrupted while reading a maildir", e);
        }
    }

    /**
     * The header fields of a message, names lower-cased, folded lines joined; the first occurrence wins.
     *
     * @param message the message's bytes (or at least its header)
     * @return the fields
     */
    public static Map<String, String> headers(byte[] message) {
        byte[] head = message.length > MAX_HEADER_BYTES ? Arrays.copyOf(message, MAX_HEADER_BYTES) : message;
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
