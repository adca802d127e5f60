package org.charter.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Charter's version, as the build stamped it. */
public final class Version {
    private Version() { }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            var p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
