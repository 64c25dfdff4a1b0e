package org.winsim.scenarios.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/facts.md stays true: each fact's "checked by" cell names exactly the fact scripts and fact tests
 * that exist for its ID (other references, such as a compare script or another fact's check, may stand beside them) (a script {@code scripts/facts/ID*.wss}, a test method {@code id_…} such as
 * {@code err01_…}), and the count of checked facts is right. On a difference the message gives the
 * cells to paste.
 */
class FactsCatalogTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern ROW = Pattern.compile("^\\| ([A-Z]+-\\d+) \\|.*\\| ([^|]*) \\|$");
    /** A check as the table names it: a fact script, or a fact test method (other references may stand beside them). */
    private static final Pattern CHECK = Pattern.compile("`scripts/facts/[^`]+`|`[A-Z]\\w*\\.[a-z]+\\d+[a-z]?_\\w*`");
    private static final Pattern METHOD = Pattern.compile("void ([a-z]+\\d+[a-z]?_\\w*)\\(");

    @Test
    void everyFactNamesExactlyTheChecksThatExist() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/facts.md"), StandardCharsets.UTF_8);
        Map<String, String> listed = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = ROW.matcher(l);
            if (m.matches()) {
                listed.put(m.group(1), m.group(2).trim());
            }
        }
        assertTrue(listed.size() >= 90, "the catalogue's table rows were found: " + listed.size());
        Map<String, TreeSet<String>> actual = checks(listed.keySet());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> e : listed.entrySet()) {
            TreeSet<String> found = actual.get(e.getKey());
            TreeSet<String> named = new TreeSet<>();
            Matcher q = CHECK.matcher(e.getValue());
            String prefix = e.getKey().toLowerCase(Locale.ROOT).replace("-", "") + "_";
            while (q.find()) { // this fact's own checks; a cell may also cite other facts' checks that show it too
                String c = q.group();
                if (c.startsWith("`scripts/facts/" + e.getKey() + ".") || c.startsWith("`scripts/facts/" + e.getKey() + "-")
                        || c.contains("." + prefix)) {
                    named.add(c);
                }
            }
            if (!found.isEmpty()) {
                checked++;
            }
            boolean ok = found.isEmpty() ? e.getValue().startsWith("not ") && named.isEmpty() : named.equals(found);
            if (!ok) {
                List<String> cell = new ArrayList<>(found.stream().filter(c -> c.contains("scripts/")).toList());
                cell.addAll(found.stream().filter(c -> !c.contains("scripts/")).toList());
                wrong.add(e.getKey() + " | " + (cell.isEmpty() ? "not yet checked" : String.join("<br>", cell))
                        + "   (the table says: " + e.getValue() + ")");
            }
        }
        assertEquals(List.of(), wrong, "docs/facts.md's 'checked by' cells that differ from the checks that exist");
        String count = "**" + checked + " of " + listed.size() + " facts have a check.**";
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(count)), "docs/facts.md should say: " + count);
    }

    /** For each ID, the fact scripts and test methods named for it, as the table writes them. */
    private static Map<String, TreeSet<String>> checks(Iterable<String> ids) throws IOException {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, new TreeSet<>());
            prefixes.put(id.toLowerCase(Locale.ROOT).replace("-", "") + "_", id);
        }
        try (Stream<Path> s = Files.list(ROOT.resolve("scripts/facts"))) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                for (String id : out.keySet()) {
                    if (f.equals(id + ".wss") || f.startsWith(id + "-") && f.endsWith(".wss")) {
                        out.get(id).add("`scripts/facts/" + f + "`");
                    }
                }
            }
        }
        List<Path> tests;
        try (Stream<Path> s = Files.walk(ROOT)) {
            tests = s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/")
                    && !p.toString().contains("/target/")).sorted().toList();
        }
        for (Path p : tests) {
            String cls = p.getFileName().toString().replace(".java", "");
            Matcher m = METHOD.matcher(Files.readString(p, StandardCharsets.UTF_8));
            while (m.find()) {
                String method = m.group(1);
                for (Map.Entry<String, String> e : prefixes.entrySet()) {
                    if (method.startsWith(e.getKey())) {
                        out.get(e.getValue()).add("`" + cls + "." + method + "`");
                    }
                }
            }
        }
        return out;
    }
}
