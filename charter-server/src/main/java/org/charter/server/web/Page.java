package org.charter.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.charter.store.web.AccountStore.Account;
import org.charter.store.web.AccountStore.Role;

/**
 * What every template gets as {@code page}: the reader's language and texts, the session's CSRF token, who is
 * logged in, the title and the current path. Templates print only through {@code ${}}, which escapes.
 */
public final class Page {
    private final Messages messages;
    private final String csrf;
    private final Account account;
    private final String path;
    private final String title;

    Page(Messages messages, String csrf, Account account, String path, String title) {
        this.messages = messages;
        this.csrf = csrf;
        this.account = account;
        this.path = path;
        this.title = title;
    }

    /** The text of a message key in the reader's language, formatted with the arguments. */
    public String t(String key, Object... args) {
        return messages.t(key, args);
    }

    public Messages messages() {
        return messages;
    }

    /** The reader's language tag, for {@code <html lang>}. */
    public String lang() {
        return messages.locale().toLanguageTag();
    }

    /** The session's synchronizer token: every form posts it as {@code _csrf}; htmx sends it as X-CSRF-Token. */
    public String csrf() {
        return csrf;
    }

    /** The htmx hx-headers value carrying the CSRF token (the token is base64url: nothing to escape in JSON). */
    public String htmxHeaders() {
        return "{\"X-CSRF-Token\": \"" + csrf + "\"}";
    }

    public String title() {
        return title;
    }

    public String path() {
        return path;
    }

    public boolean loggedIn() {
        return account != null;
    }

    public String accountName() {
        return account == null ? "" : account.name();
    }

    public boolean moderator() {
        return account != null && account.role().allows(Role.MODERATOR);
    }

    public boolean admin() {
        return account != null && account.role().allows(Role.ADMIN);
    }

    /** The languages offered, for the language switcher. */
    public List<Locale> languages() {
        return Messages.SUPPORTED;
    }

    /** This page in another language. */
    public String langLink(Locale l) {
        return path + "?lang=" + URLEncoder.encode(l.toLanguageTag(), StandardCharsets.UTF_8);
    }

    /** A language's name in that language ("English", "français"). */
    public String languageName(Locale l) {
        return l.getDisplayLanguage(l);
    }

    public boolean currentLanguage(Locale l) {
        return l.getLanguage().equals(messages.locale().getLanguage());
    }
}
