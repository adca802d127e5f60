package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.charter.Precedent;
import org.charter.core.governance.Panel;
import org.charter.core.governance.Ratification;
import org.charter.store.CaseStore;
import org.charter.store.CharterStore;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The report, moderation, ratification and case pages in a real browser. */
class GovBrowserTest extends BrowserTest {
    @Test
    void report_showsTheSvgMapWithTwoGroups_andANumberLeadsToItsVotes() {
        long id = GovFixtures.twoCamps(server);
        open("/a/" + id + "/report");
        WebElement map = waitFor(By.cssSelector("svg.map"));
        assertThat(map.findElements(By.cssSelector("circle.p"))).hasSize(24);
        assertThat(map.findElements(By.cssSelector("circle.g0"))).hasSize(12);
        assertThat(map.findElements(By.cssSelector("circle.g1"))).hasSize(12);
        assertThat(browser.findElement(By.id("group-A")).getText()).contains("12");
        // s4: everyone agrees; its consensus entry links to its votes per group
        browser.findElement(By.cssSelector("#consensus-h + p + ul a[href$='/report/s/4']")).click();
        WebElement table = waitFor(By.cssSelector("main table"));
        assertThat(table.getText()).contains("Group A 12 0 0 12 1").contains("Group B 12 0 0 12 1");
    }

    @Test
    void aParticipantsStatement_isHeld_untilTheModeratorAcceptsItInTheQueue() {
        long id = server.assembly("Strict", new AssemblySettings(true, true), "Seed");
        open("/a/" + id);
        waitFor(By.id("text")).sendKeys("Explain every refusal.");
        browser.findElement(By.cssSelector("form[action='/a/" + id + "/statements'] button[type=submit]")).click();
        waitFor(By.id("text"));
        var s = server.assemblies.statements(id).get(1);
        assertThat(s.text()).isEqualTo("Explain every refusal.");
        assertThat(s.moderation()).isEqualTo(Moderation.UNMODERATED);
        server.account("mo", Role.MODERATOR);
        login("mo");
        open("/moderate");
        browser.findElement(By.cssSelector("a[href='/moderate/a/" + id + "/queue']")).click();
        waitFor(By.id("s-" + s.tid())).findElement(By.cssSelector("button[value=accepted]")).click();
        waitForText(By.cssSelector("#s-" + s.tid() + " .state"), "accepted");
        assertThat(server.assemblies.statement(id, s.tid()).moderation()).isEqualTo(Moderation.ACCEPTED);
    }

    @Test
    void ratification_previewsTheDiff_andStoresVersionOne() {
        long id = GovFixtures.twoCamps(server);
        server.account("mo", Role.MODERATOR);
        login("mo");
        open("/moderate/a/" + id + "/ratify");
        WebElement name = waitFor(By.id("charter"));
        name.clear();
        name.sendKeys("helpdesk");
        WebElement threshold = browser.findElement(By.id("threshold"));
        threshold.clear();
        threshold.sendKeys("1/2");
        browser.findElement(By.cssSelector("form[action$='/ratify/preview'] button[type=submit]")).click();
        // two groups of 12: s4 (13/14)^2 = 169/196 passes; s5 (7/14)^2 = 1/4 does not; s0 (13/14)(1/14) does not
        WebElement diff = waitFor(By.cssSelector("pre.diff"));
        assertThat(diff.getText()).contains("+ clause assembly-" + id + "-s4").doesNotContain("-s5").doesNotContain("-s0");
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("169/196");
        browser.findElement(By.id("confirm")).click();
        waitFor(By.id("yaml"));
        assertThat(browser.getCurrentUrl()).endsWith("/charters/helpdesk/1");
        var stored = new CharterStore(server.db, server.clock).latest("helpdesk").orElseThrow();
        assertThat(stored.number()).isEqualTo(1);
        assertThat(stored.charter().clauses()).extracting(c -> c.text()).containsExactly("Say when you are unsure.");
        assertThat(stored.madeBy()).isEqualTo("mo");
    }

    @Test
    void aCaseRuling_decidesThePanel_andBecomesAPrecedentOfVersionTwo() {
        var charters = new CharterStore(server.db, server.clock);
        charters.save(Ratification.empty("helpdesk", "1"), Optional.empty(), "admin", "import");
        var cases = new CaseStore(server.db, server.clock);
        cases.importCases(List.of(GovFixtures.gap("c1", "helpdesk", "Can I pay in bitcoin?", List.of("Yes.", "No: by card or transfer."))),
                new Panel.Rule(1));
        server.account("mo", Role.MODERATOR);
        login("mo");
        open("/cases");
        waitFor(By.cssSelector("a[href='/cases/c1']")).click();
        waitFor(By.id("cand-1")).click();
        browser.findElement(By.id("rationale")).sendKeys("The city takes cards and transfers only.");
        browser.findElement(By.id("rule")).click();
        waitForText(By.id("outcome"), "1 of 1 rulings agree (mo)");
        assertThat(cases.get("c1").decided()).isTrue();
        browser.findElement(By.id("amend")).click();
        WebElement diff = waitFor(By.id("diff"));
        assertThat(diff.getText()).contains("+ precedent case-c1-1");
        var v2 = charters.latest("helpdesk").orElseThrow();
        assertThat(v2.number()).isEqualTo(2);
        Precedent p = v2.charter().precedents().get(0);
        assertThat(p.response()).isEqualTo("No: by card or transfer.");
        assertThat(p.decidedBy()).isEqualTo("panel (1 of 1: mo)");
    }

    @Test
    void seedFileUpload_storesEveryLine() throws java.io.IOException {
        long id = server.assembly("Seeds", AssemblySettings.DEFAULT, "First");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("seeds", ".txt");
        java.nio.file.Files.writeString(file, "Second\nThird\n");
        server.account("mo", Role.MODERATOR);
        login("mo");
        open("/moderate/a/" + id + "/seeds");
        waitFor(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("form[action$='/seeds'] button[type=submit]")).click();
        waitForText(By.cssSelector("p.notice"), "2 statements were stored");
        assertThat(server.assemblies.statements(id)).extracting(s -> s.text()).containsExactly("First", "Second", "Third");
    }
}
