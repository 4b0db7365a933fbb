package org.appmsg.bootstrap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.appmsg.domain.release.ClientRelease;
import org.appmsg.domain.shared.DomainViolation;

/**
 * Reads the client releases {@code checkUpdate} offers from the file {@code APPMSG_CLIENT_RELEASES} names: a UTF-8
 * properties file with one group of keys per client platform, the platform as clients send it in {@code type}:
 *
 * <pre>
 * Android.versionCode=12
 * Android.versionName=1.2.0
 * Android.description=Faster sign-in
 * Android.url=https://downloads.example.org/app-1.2.0.apk
 * Android.fileName=app-1.2.0.apk
 * </pre>
 *
 * {@code versionCode}, {@code versionName} and {@code url} are required; {@code description} and {@code fileName} may
 * be left out. Any other key, or a value the release refuses, stops the start with a message naming the key.
 */
final class ClientReleasesFile {

    private static final List<String> FIELDS = List.of("versionCode", "versionName", "description", "url", "fileName");

    private ClientReleasesFile() {}

    static List<ClientRelease> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new Config.ConfigException("APPMSG_CLIENT_RELEASES: cannot read " + file + ": " + e.getMessage());
        }
        TreeSet<String> types = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || !FIELDS.contains(key.substring(dot + 1))) {
                throw new Config.ConfigException("APPMSG_CLIENT_RELEASES: " + file + ": unknown key " + key
                        + " (expected <type>." + String.join(", <type>.", FIELDS) + ")");
            }
            types.add(key.substring(0, dot));
        }
        List<ClientRelease> releases = new ArrayList<>();
        for (String type : types) {
            String code = p.getProperty(type + ".versionCode", "").strip();
            int versionCode;
            try {
                versionCode = Integer.parseInt(code);
            } catch (NumberFormatException e) {
                throw new Config.ConfigException("APPMSG_CLIENT_RELEASES: " + type + ".versionCode must be an integer (got \""
                        + code + "\")");
            }
            try {
                releases.add(new ClientRelease(type, versionCode, p.getProperty(type + ".versionName", "").strip(),
                        p.getProperty(type + ".description", "").strip(), p.getProperty(type + ".url", "").strip(),
                        p.getProperty(type + ".fileName", "").strip()));
            } catch (DomainViolation e) {
                throw new Config.ConfigException("APPMSG_CLIENT_RELEASES: " + type + ": " + e.getMessage());
            }
        }
        return List.copyOf(releases);
    }
}
