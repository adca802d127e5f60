package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.VoteValue;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Taking part in a real browser: voting one statement at a time, the opinion map, writing through moderation, comparing. */
class ParticipateBrowserTest extends BrowserTest {
    private static final String[] STATEMENTS = {"More benches in the park", "Longer library hours", "Free buses on Sundays", "A new swimming pool"};

    /** An assembly with enough voters (two camps) for an opinion map. */
    private long assemblyWithVoters() {
        long id = server.assembly("Our town", AssemblySettings.DEFAULT, STATEMENTS);
        for (int v = 0; v < 12; v++) {
            int pid = server.assemblies.addParticipant(id, "seed-" + v, Map.of()).participant().pid();
            for (int t = 0; t < STATEMENTS.length; t++) {
                boolean campA = v < 6;
                server.assemblies.castVote(id, pid, t, (t % 2 == 0) == campA ? VoteValue.AGREE : VoteValue.DISAGREE, null);
            }
        }
        return id;
    }

    @Test
    void votingFlow_oneStatementAtATime_thenTheMapShowsYou() throws Exception {
        long id = assemblyWithVoters();
        open("/a/" + id);
        java.util.Set<String> seen = new java.util.HashSet<>();
        String[] votes = {"agree", "disagree", "agree", "pass"};
        for (int i = 0; i < STATEMENTS.length; i++) {
            var statement = waitFor(By.cssSelector("#card p.statement"));
            String text = statement.getText();
            assertThat(seen.add(text)).as("each statement once: " + text).isTrue();
            assertThat(browser.findElements(By.cssSelector("p.statement"))).as("one statement at a time").hasSize(1);
            browser.findElement(By.cssSelector("#card button[value='" + votes[i] + "']")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(statement));
        }
        waitForText(By.id("card-heading"), "You have voted on every statement");
        assertThat(seen).containsExactlyInAnyOrder(STATEMENTS);
        assertThat(server.assemblies.counts(id).votes()).isEqualTo(12L * STATEMENTS.length + STATEMENTS.length);

        browser.findElement(By.linkText("See where you stand on the opinion map")).click();
        var svg = waitFor(By.cssSelector("svg.map"));
        assertThat(svg.getAttribute("aria-label")).contains("13 participants");
        assertThat(browser.findElements(By.cssSelector("svg.map circle.you"))).hasSize(1);
        assertThat(browser.findElement(By.id("where-you-stand")).getText()).matches("You are (in group [A-Z]|on the map, in no group)\\.");
        assertThat(browser.findElements(By.cssSelector("table tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "map-screenshot.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void keyboardOnly_votingWorks() {
        long id = server.assembly("Our town", AssemblySettings.DEFAULT, STATEMENTS[0], STATEMENTS[1]);
        open("/a/" + id);
        var agree = waitFor(By.cssSelector("#card button[value='agree']"));
        agree.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitForText(By.cssSelector("#card p.statement"), STATEMENTS[1]);
    }

    @Test
    void statementInAStrictAssembly_waitsForAModerator() {
        long id = server.assembly("Library", new AssemblySettings(true, true), "Open on Sundays");
        open("/a/" + id);
        waitFor(By.id("text")).sendKeys("Quiet rooms for study");
        browser.findElement(By.cssSelector("form[action$='/statements'] button")).click();
        waitForText(By.cssSelector("p.notice"), "once a moderator has accepted it");
        var held = server.assemblies.statements(id).stream().filter(s -> s.text().equals("Quiet rooms for study")).findFirst().orElseThrow();
        assertThat(held.moderation()).isEqualTo(Moderation.UNMODERATED);

        // another participant (a fresh session) does not see it
        browser.manage().deleteAllCookies();
        open("/a/" + id);
        browser.findElement(By.cssSelector("#card button[value='agree']")).click();
        waitForText(By.id("card-heading"), "You have voted on every statement");
        assertThat(browser.getPageSource()).doesNotContain("Quiet rooms for study");

        server.assemblies.moderate(id, held.tid(), Moderation.ACCEPTED); // the moderation queue is another page's
        open("/a/" + id);
        waitForText(By.cssSelector("#card p.statement"), "Quiet rooms for study");
    }

    @Test
    void compare_aParticipantPicksTheBetterAnswer_withAReason() {
        long id = server.assembly("Helpdesk", AssemblySettings.DEFAULT, "Be polite");
        server.account("mo", Role.MODERATOR);
        login("mo");
        open("/moderate/a/" + id + "/tasks");
        waitFor(By.id("prompt")).sendKeys("How do I reset my password?");
        browser.findElement(By.id("responseA")).sendKeys("Use the 'forgot password' link on the login page.");
        browser.findElement(By.id("labelA")).sendKeys("charter-v2");
        browser.findElement(By.id("responseB")).sendKeys("I cannot help with that.");
        browser.findElement(By.id("labelB")).sendKeys("charter-v1");
        browser.findElement(By.cssSelector("form[action$='/tasks'] button")).click();
        waitForText(By.cssSelector("p.notice"), "The task was added.");

        browser.manage().deleteAllCookies();
        open("/a/" + id + "/compare");
        assertThat(waitFor(By.id("prompt")).getText()).isEqualTo("How do I reset my password?");
        browser.findElement(By.cssSelector("label[for='choice-a']")).click();
        browser.findElement(By.id("reason")).sendKeys("It tells me what to do.");
        browser.findElement(By.cssSelector("form[action$='/compare'] button")).click();
        waitFor(By.id("compare-done"));
        var c = server.comparisons.comparisons(id);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).choice()).isEqualTo(org.charter.store.web.ComparisonStore.Choice.A);
        assertThat(c.get(0).reason()).isEqualTo("It tells me what to do.");
    }
}
