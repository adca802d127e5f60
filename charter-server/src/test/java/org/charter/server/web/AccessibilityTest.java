package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.charter.core.assembly.AssemblySettings;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of accessibility without a person: every page has a language, a title, one h1 and a main
 * landmark; every visible form field has a label; every SVG has an accessible name.
 */
class AccessibilityTest {
    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b([^>]*)>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final Pattern LABEL_FOR = Pattern.compile("<label for=\"([^\"]+)\"");

    @Test
    void everyPage_hasLabelsTitlesAndLandmarks() {
        try (var server = WebTestServer.start()) {
            server.account("ada", Role.ADMIN);
            long id = server.assembly("Parks", AssemblySettings.DEFAULT, "More benches");
            server.comparisons.addTask(id, "q", "a", "b", "x", "y");
            var c = new WebClient(server.server.baseUrl());
            c.login("ada");
            for (String path : List.of("/", "/login", "/a/" + id, "/a/" + id + "/me", "/a/" + id + "/map", "/a/" + id + "/compare",
                    "/moderate", "/moderate/a/" + id + "/tasks", "/moderate/a/" + id + "/invitations", "/admin/accounts", "/a/424242")) {
                String html = c.get(path).body();
                assertThat(html).as(path).contains("<html lang=\"").contains("<main id=\"main\"").containsPattern("<title>[^<]+</title>");
                assertThat(html.split("<h1").length - 1).as(path + ": one h1").isEqualTo(1);
                var labelled = new HashSet<String>();
                var m = LABEL_FOR.matcher(html);
                while (m.find()) labelled.add(m.group(1));
                var f = FIELD.matcher(html);
                while (f.find()) {
                    String attrs = f.group(2);
                    if (attrs.contains("type=\"hidden\"")) continue;
                    var idm = ID.matcher(attrs);
                    assertThat(idm.find()).as(path + ": a field without an id: " + f.group()).isTrue();
                    assertThat(labelled).as(path + ": no label for " + f.group()).contains(idm.group(1));
                }
                assertThat(html.contains("<svg") == html.contains("role=\"img\" viewBox")).as(path).isTrue();
            }
            assertThat(Map.of()).isEmpty();
        }
    }
}
