package org.appmsg.domain.release;

import java.util.Locale;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * The latest release of one client platform that the operator offers (legacy {@code client_version}, the answer of
 * {@code checkUpdate}): the platform as clients name it in {@code type} ({@code Android}, {@code iOS}, …; compared
 * without regard to case, as the legacy database did), its version number (higher is newer) and name, what changed,
 * and where to download it.
 */
public record ClientRelease(String type, int versionCode, String versionName, String description, String url,
        String fileName) {

    public ClientRelease {
        Text.required("type", type, 32);
        if (versionCode < 0) {
            throw new DomainViolation("release.version_code", "versionCode must not be negative: " + versionCode);
        }
        Text.required("versionName", versionName, 64);
        Text.bounded("description", description, 4096);
        Text.required("url", url, 2048);
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new DomainViolation("release.url", "url must be an http(s) URL: " + Text.clip(url));
        }
        Text.bounded("fileName", fileName, 255);
    }

    /** Whether this release is for the client platform {@code clientType}. */
    public boolean isFor(String clientType) {
        return type.toLowerCase(Locale.ROOT).equals(clientType.toLowerCase(Locale.ROOT));
    }
}
