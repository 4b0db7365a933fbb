package org.appmsg.application.port.out;

import java.util.List;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

/**
 * A user's starred contacts (常用联系人, legacy {@code user_user}). Adding and removing are idempotent.
 * Failures surface as {@link StorageUnavailableException}. Thread-safe.
 */
public interface ContactRepository {

    /** Returns false (and changes nothing) when {@code contact} is already a contact of {@code owner}. */
    boolean add(UserId owner, UserId contact);

    /** Returns false when there was nothing to remove. */
    boolean remove(UserId owner, UserId contact);

    boolean isContact(UserId owner, UserId contact);

    /** The owner's contacts that still exist, ordered by nickname then id. */
    List<User> contactsOf(UserId owner);
}
