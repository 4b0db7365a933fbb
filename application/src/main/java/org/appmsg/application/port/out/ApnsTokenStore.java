package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.shared.UserId;

/**
 * Which iOS device of which user an APNs token addresses (R17). A token is bound to one (user, device) and a
 * device holds at most one token, so binding moves the token from wherever it was and replaces the device's
 * previous one. Thread-safe; failures surface as {@link StorageUnavailableException}.
 */
public interface ApnsTokenStore {

    /** Binds {@code registration.token()} to its user and device (see the class comment). */
    void bind(Registration registration);

    /** Removes the token of the user's {@code device}; false when it had none. */
    boolean unbindDevice(UserId user, String device);

    /** Removes {@code token} if it is bound to {@code user}; false otherwise (another user's token stays). */
    boolean unbind(UserId user, DeviceToken token);

    /** Removes {@code token} whoever it is bound to (Apple called it invalid); false when it was not bound. */
    boolean remove(DeviceToken token);

    /**
     * Removes {@code token} only if it was registered before {@code instant} (Apple reported it unregistered at
     * that moment; a later registration is newer news); false when nothing was removed.
     */
    boolean removeIfRegisteredBefore(DeviceToken token, Instant instant);

    /** The registrations of these users, in no particular order. */
    List<Registration> registrationsOf(Collection<UserId> users);

    /** A token bound to a device of a user, since {@code registered}. */
    record Registration(UserId user, String device, DeviceToken token, Instant registered) {
        public Registration {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(registered, "registered");
        }
    }
}
