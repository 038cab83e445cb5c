package io.groundstation.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every citation of the wire contract resolves inside the checkout: docs/protocol.md has the section cited. */
class ProtocolReferencesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern CITATION = Pattern.compile("protocol\\.md[`)\\]]*\\s*§(\\d+)(?:[–-]§(\\d+))?");

    @Test
    void everyCitedSectionExistsAndNothingPointsOutsideTheCheckout() throws IOException {
        Set<Integer> sections = Files.readAllLines(ROOT.resolve("docs/protocol.md")).stream()
                .map(Pattern.compile("^## (\\d+)\\. ")::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).collect(Collectors.toSet());
        assertThat(sections).contains(1, 2, 3, 4, 5, 6, 7, 8);

        List<String> cited = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (Path file : sources()) {
            String text = Files.readString(file);
            Matcher citation = CITATION.matcher(text);
            while (citation.find()) {
                int from = Integer.parseInt(citation.group(1));
                int to = citation.group(2) == null ? from : Integer.parseInt(citation.group(2));
                for (int section = from; section <= to; section++) {
                    cited.add(ROOT.relativize(file) + " §" + section + (sections.contains(section) ? "" : " MISSING"));
                }
            }
            if (text.contains("shared/docs")) {
                outside.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(cited).as("citations found").hasSizeGreaterThan(20).noneMatch(c -> c.endsWith("MISSING"));
        assertThat(outside).as("files citing the shared docs outside the checkout").isEmpty();
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("server/src", "bench/src", "microbench/src", "docs", "deploy")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(java|md|sql|js|yaml|yml)$"))
                        .filter(p -> !p.endsWith("ProtocolReferencesTest.java")).forEach(files::add);
            }
        }
        try (Stream<Path> top = Files.list(ROOT)) {
            top.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        try (Stream<Path> bench = Files.list(ROOT.resolve("bench"))) {
            bench.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        return files;
    }
}
