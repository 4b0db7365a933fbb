package org.appmsg.domain.apns;

import java.util.Set;

/**
 * What an APNs answer means for the notification and for the device token (R18). Apple's reasons are documented
 * with its HTTP/2 provider API; the legacy server removed tokens only for its binary protocol's INVALID_TOKEN.
 *
 * <ul>
 *   <li>{@link #RETRY}: 429 (TooManyRequests), 500 (InternalServerError), 503 (ServiceUnavailable, Shutdown):
 *       Apple could not take it now; send again after a backoff. A lost connection is treated the same way.
 *   <li>{@link #REMOVE_TOKEN}: BadDeviceToken and DeviceTokenNotForTopic: the token can never work with this
 *       credential; it is removed at once.
 *   <li>{@link #REMOVE_TOKEN_IF_OLDER}: 410 Unregistered: the app was removed from the device at Apple's
 *       timestamp. The token is removed only if it was registered before that moment: a device that registered
 *       it again since (the app reinstalled) keeps it.
 *   <li>{@link #GIVE_UP}: every other rejection (bad topic, bad credential, payload too large, …) is permanent for
 *       this notification: no retry, the token stays.
 * </ul>
 */
public enum ApnsVerdict {
    RETRY,
    REMOVE_TOKEN,
    REMOVE_TOKEN_IF_OLDER,
    GIVE_UP;

    private static final Set<String> RETRYABLE = Set.of("TooManyRequests", "InternalServerError",
            "ServiceUnavailable", "Shutdown");

    /** The verdict on a rejection with HTTP {@code status} and Apple's {@code reason} (may be empty). */
    public static ApnsVerdict of(int status, String reason) {
        if ("BadDeviceToken".equals(reason) || "DeviceTokenNotForTopic".equals(reason)) {
            return REMOVE_TOKEN;
        }
        if (status == 410 || "Unregistered".equals(reason)) {
            return REMOVE_TOKEN_IF_OLDER;
        }
        if (status == 429 || status == 500 || status == 503 || RETRYABLE.contains(reason)) {
            return RETRY;
        }
        return GIVE_UP;
    }
}
