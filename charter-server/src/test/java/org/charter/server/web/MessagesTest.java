package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The message bundles are complete in every language, and every key a template or page names exists. */
class MessagesTest {
    private static Properties bundle(String name) throws IOException {
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            var p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    @Test
    void everyLanguage_hasExactlyTheDefaultBundlesKeys() throws IOException {
        Set<String> en = bundle("messages.properties").stringPropertyNames();
        Set<String> fr = bundle("messages_fr.properties").stringPropertyNames();
        assertThat(new TreeSet<>(fr)).isEqualTo(new TreeSet<>(en));
    }

    @Test
    void noAsciiApostrophes_whichMessageFormatWouldSwallow() throws IOException {
        for (String b : new String[] {"messages.properties", "messages_fr.properties"}) {
            bundle(b).forEach((k, v) -> assertThat((String) v).as(b + " " + k).doesNotContain("'"));
        }
    }

    @Test
    void everyKeyNamedInTemplatesAndPages_exists() throws IOException {
        Set<String> keys = bundle("messages.properties").stringPropertyNames();
        var named = new HashSet<String>();
        Pattern literal = Pattern.compile("(?:t|page\\([^,]*,|WebException\\(\\d+,)\\s*\\(?\"([a-z][A-Za-z]*\\.[A-Za-z.]+)\"");
        for (Path root : new Path[] {Path.of("src/main/jte"), Path.of("src/main/java/org/charter/server/web")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    var m = Pattern.compile("\"([a-z][A-Za-z]*\\.[a-z][A-Za-z]*)\"").matcher(Files.readString(f));
                    while (m.find()) named.add(m.group(1));
                }
            }
        }
        named.removeIf(k -> k.endsWith(".jte") || k.endsWith(".css") || k.endsWith(".js") || k.startsWith("org.") || k.endsWith(".properties")
                || k.equals("charter.css") || k.equals("htmx.min"));
        assertThat(literal).isNotNull();
        assertThat(named).as("message keys named in the sources").isNotEmpty();
        var missing = new TreeSet<String>();
        for (String k : named) if (!keys.contains(k)) missing.add(k);
        assertThat(missing).isEmpty();
    }

    @Test
    void languageChoice_followsAcceptLanguageQualities() {
        assertThat(Messages.fromAcceptLanguage("de-DE, fr;q=0.8, en;q=0.5")).isEqualTo(Locale.FRENCH);
        assertThat(Messages.fromAcceptLanguage("en-GB,en;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.fromAcceptLanguage("zz")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.fromAcceptLanguage("not a header;;;")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.parse("fr-CA")).isEqualTo(Locale.FRENCH);
        assertThat(Messages.parse("xx")).isNull();
    }

    @Test
    void arguments_areFormatted_inTheReadersLanguage() {
        assertThat(Messages.of(Locale.FRENCH).t("error.rateLimited", 3)).isEqualTo("Trop de requêtes. Attendez 3 secondes puis réessayez.");
        assertThat(Messages.of(Locale.ENGLISH).t("no.such.key")).isEqualTo("??no.such.key??");
    }
}
