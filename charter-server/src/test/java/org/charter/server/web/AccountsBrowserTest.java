package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Accounts in a real browser: an admin logs in and adds a moderator. */
class AccountsBrowserTest extends BrowserTest {
    @Test
    void admin_logsIn_andAddsAModerator() {
        server.account("ada", Role.ADMIN);
        login("ada");
        open("/admin/accounts");
        waitFor(By.id("name")).sendKeys("mo");
        browser.findElement(By.id("password")).sendKeys("a long enough password");
        browser.findElement(By.cssSelector("form[action='/admin/accounts'] button")).click();
        waitForText(By.cssSelector("p.notice"), "mo");
        assertThat(server.accounts.findAccount("mo")).get().extracting(a -> a.role()).isEqualTo(Role.MODERATOR);
    }
}
