package org.charter.server.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages' texts in resource bundles ({@code org/charter/server/web/messages*.properties}, UTF-8), one per
 * supported language; the reader's language comes from {@code ?lang=}, then a lang cookie, then Accept-Language.
 * Arguments are formatted with {@link MessageFormat}; templates escape the result like any other text.
 */
public final class Messages {
    /** The languages with a complete bundle; the first is the default. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    private static final String BUNDLE = "org.charter.server.web.messages";
    private static final ConcurrentHashMap<Locale, Messages> CACHE = new ConcurrentHashMap<>();

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Messages of(Locale locale) {
        return CACHE.computeIfAbsent(supported(locale), Messages::new);
    }

    /** The supported language closest to {@code locale} (by language), else the default. */
    public static Locale supported(Locale locale) {
        if (locale != null) for (Locale l : SUPPORTED) if (l.getLanguage().equals(locale.getLanguage())) return l;
        return SUPPORTED.get(0);
    }

    /** The supported language for a ?lang= value or cookie, or null if it names none. */
    public static Locale parse(String tag) {
        if (tag == null || tag.isBlank()) return null;
        String lang = Locale.forLanguageTag(tag.trim()).getLanguage();
        for (Locale l : SUPPORTED) if (l.getLanguage().equals(lang)) return l;
        return null;
    }

    /** The best supported language of an Accept-Language header (by its q-values), else the default. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) return SUPPORTED.get(0);
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            if (best != null) return best;
            for (Locale.LanguageRange r : Locale.LanguageRange.parse(header)) {
                Locale l = parse(r.getRange());
                if (l != null) return l;
            }
        } catch (IllegalArgumentException e) {
            // a malformed header gets the default language
        }
        return SUPPORTED.get(0);
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key}; with arguments, formatted. A missing key shows as ??key?? (a test forbids them). */
    public String t(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        if (args.length == 0) return pattern;
        return new MessageFormat(pattern, locale).format(args);
    }

    /** Whether the bundle has {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
