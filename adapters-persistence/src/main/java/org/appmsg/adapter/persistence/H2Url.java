package org.appmsg.adapter.persistence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Makes an H2 URL run H2 the way the shared migration script and the adapter expect (see Settings). */
final class H2Url {

    /** Setting, value: each is added when missing and must have this value when present. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("MODE", "MySQL");
        REQUIRED.put("DATABASE_TO_LOWER", "TRUE");
        REQUIRED.put("DB_CLOSE_ON_EXIT", "FALSE");
    }

    private H2Url() {}

    static String withRequiredSettings(String url) {
        StringBuilder out = new StringBuilder(url);
        String[] parts = url.split(";");
        for (Map.Entry<String, String> required : REQUIRED.entrySet()) {
            String value = null;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase(required.getKey())) {
                    value = parts[i].substring(eq + 1).trim();
                }
            }
            if (value == null) {
                out.append(';').append(required.getKey()).append('=').append(required.getValue());
            } else if (!value.toUpperCase(Locale.ROOT).equals(required.getValue().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the H2 URL must have " + required.getKey() + "="
                        + required.getValue() + " (or leave it out), not " + value + ": " + url);
            }
        }
        return out.toString();
    }
}
