package io.stampbox.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Docs that match the code: every {@code java} block in the project's Markdown stands, line for line, between
 * {@code // doc:begin NAME} and {@code // doc:end} in a compiled (and run) test source, and every {@code json}
 * block parses (a block that starts with a key is read as the inside of an object).
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARKED = Pattern.compile("// doc:begin (\\S+)\\n(.*?)\\n\\s*// doc:end", Pattern.DOTALL);

    @Test
    void everyJavaSnippetIsCompiledCode() throws IOException {
        List<String> compiled = markedBlocks();
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (Snippet s : snippets("java")) {
            seen++;
            if (!compiled.contains(normalize(s.text()))) {
                missing.add(s.file() + ": a java block that no test source holds between doc:begin/doc:end");
            }
        }
        assertTrue(seen > 0, "no java block found: is the doc root right? " + ROOT);
        assertEquals(List.of(), missing);
    }

    @Test
    void everyJsonSnippetParses() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> bad = new ArrayList<>();
        for (Snippet s : snippets("json")) {
            String text = s.text().strip();
            try {
                json.readTree(text.startsWith("\"") ? "{" + text + "}" : text);
            } catch (IOException e) {
                bad.add(s.file() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        assertEquals(List.of(), bad);
    }

    private record Snippet(Path file, String text) {}

    private static List<Snippet> snippets(String lang) throws IOException {
        List<Snippet> out = new ArrayList<>();
        for (Path md : markdown()) {
            Matcher m = BLOCK.matcher(Files.readString(md));
            while (m.find()) {
                if (m.group(1).equals(lang)) {
                    out.add(new Snippet(ROOT.relativize(md), m.group(2)));
                }
            }
        }
        return out;
    }

    private static List<Path> markdown() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .sorted().toList();
        }
    }

    private static List<String> markedBlocks() throws IOException {
        List<String> out = new ArrayList<>();
        for (String module : List.of("firmware-host", "provisioning")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/test/java"))) {
                for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = MARKED.matcher(read(source));
                    while (m.find()) {
                        out.add(normalize(m.group(2)));
                    }
                }
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines without their common indentation and trailing blanks, so the doc need not be indented. */
    private static String normalize(String block) {
        List<String> lines = block.strip().isEmpty() ? List.of() : block.stripTrailing().lines()
                .dropWhile(String::isBlank).map(String::stripTrailing).toList();
        int common = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(common)).collect(Collectors.joining("\n"));
    }
}
