package io.segursdk.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Code shown in README.md and docs/ comes from compiled, tested sources. A Markdown code block preceded by
 * {@code <!-- snippet: path/to/Source.java#region -->} must equal the lines between {@code // tag::region[]} and
 * {@code // end::region[]} in that source (common indentation removed). Run {@code ./mvnw -pl docs verify} after
 * changing a tagged region, and paste the region into the doc.
 */
class SnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKER = Pattern.compile(
            "<!-- snippet: ([^#\\s]+)#([A-Za-z0-9_-]+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everySnippetMatchesItsTaggedSource() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            Matcher m = MARKER.matcher(text);
            while (m.find()) {
                checked++;
                Path source = ROOT.resolve(m.group(1));
                String where = ROOT.relativize(doc) + " -> " + m.group(1) + "#" + m.group(2);
                if (!Files.exists(source)) {
                    problems.add(where + ": source file does not exist");
                    continue;
                }
                String region = region(Files.readString(source), m.group(2));
                if (region == null) {
                    problems.add(where + ": no tag::" + m.group(2) + "[] ... end::" + m.group(2) + "[] in source");
                } else if (!region.equals(m.group(3).strip())) {
                    problems.add(where + ": differs from the source; expected:\n" + region);
                }
            }
        }
        assertThat(problems).as("snippets out of step with their sources").isEmpty();
        assertThat(checked).as("snippets checked (README.md and docs/ show code from sources)").isPositive();
    }

    @Test
    void regionExtractionRemovesCommonIndentation() {
        String source = "class A {\n    // tag::x[]\n    int a = 1;\n      int b = 2;\n    // end::x[]\n}\n";
        assertThat(region(source, "x")).isEqualTo("int a = 1;\n  int b = 2;");
        assertThat(region(source, "y")).isNull();
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        // target/ is skipped, not walked and filtered: surefire writes and replaces its reports there meanwhile
        Files.walkFileTree(ROOT.resolve("docs"), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName().toString().equals("target") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().endsWith(".md")) {
                    docs.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        try (Stream<Path> s = Files.list(ROOT)) {
            s.filter(p -> p.getFileName().toString().startsWith("sdk-") && Files.isDirectory(p))
                    .map(p -> p.resolve("README.md")).filter(Files::exists).forEach(docs::add);
        }
        return docs;
    }

    static String region(String source, String tag) {
        List<String> lines = source.lines().collect(Collectors.toList());
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (l.equals("// end::" + tag + "[]") && start >= 0) {
                List<String> body = lines.subList(start, i);
                int indent = body.stream().filter(b -> !b.isBlank())
                        .mapToInt(b -> b.length() - b.stripLeading().length()).min().orElse(0);
                return body.stream().map(b -> b.isBlank() ? "" : b.substring(indent))
                        .collect(Collectors.joining("\n")).strip();
            }
        }
        return null;
    }
}
