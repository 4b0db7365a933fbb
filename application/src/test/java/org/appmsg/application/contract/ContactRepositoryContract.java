package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ContactRepository} does, whatever stores it. */
public abstract class ContactRepositoryContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final TenantId TENANT = new TenantId("t1");

    private ContactRepository contacts;
    private UserRepository users;

    /**
     * The repository under test, asked for once before each test, with {@link #users()} holding the users its
     * contacts are. Both may be shared between tests: each test uses users of its own.
     */
    protected abstract ContactRepository contacts();

    /** The users {@link #contacts()} reads from; asked for once before each test, after {@link #contacts()}. */
    protected abstract UserRepository users();

    @BeforeEach
    void setUpContacts() {
        contacts = contacts();
        users = users();
    }

    @Test
    void adding_a_contact_twice_changes_nothing_the_second_time() {
        User owner = user("owner", "Owner");
        User friend = user("friend", "Friend");

        assertThat(contacts.add(owner.id(), friend.id())).isTrue();
        assertThat(contacts.add(owner.id(), friend.id())).isFalse();
        assertThat(contacts.isContact(owner.id(), friend.id())).isTrue();
        assertThat(contacts.contactsOf(owner.id())).containsExactly(friend);
    }

    @Test
    void a_contact_goes_one_way_only() {
        User owner = user("owner", "Owner");
        User friend = user("friend", "Friend");
        contacts.add(owner.id(), friend.id());

        assertThat(contacts.isContact(friend.id(), owner.id())).isFalse();
        assertThat(contacts.contactsOf(friend.id())).isEmpty();
    }

    @Test
    void removing_a_contact_twice_finds_nothing_the_second_time() {
        User owner = user("owner", "Owner");
        User friend = user("friend", "Friend");
        User other = user("other", "Other");
        contacts.add(owner.id(), friend.id());
        contacts.add(owner.id(), other.id());

        assertThat(contacts.remove(owner.id(), friend.id())).isTrue();
        assertThat(contacts.remove(owner.id(), friend.id())).isFalse();
        assertThat(contacts.remove(friend.id(), owner.id())).isFalse();
        assertThat(contacts.isContact(owner.id(), friend.id())).isFalse();
        assertThat(contacts.contactsOf(owner.id())).containsExactly(other);

        assertThat(contacts.add(owner.id(), friend.id())).isTrue();
        assertThat(contacts.isContact(owner.id(), friend.id())).isTrue();
    }

    @Test
    void contacts_are_ordered_by_nickname_then_id_and_unknown_users_are_left_out() {
        User owner = user("owner", "Owner");
        String prefix = fresh("c");
        User zoe = user(new UserId(prefix + "-1"), "zoe", "Zoe");
        User adam2 = user(new UserId(prefix + "-3"), "adam", "Adam");
        User adam1 = user(new UserId(prefix + "-2"), "adam", "Adam");
        User chinese = user(new UserId(prefix + "-4"), "wang", "王芳");
        UserId ghost = new UserId(fresh("ghost")); // never stored, e.g. deleted upstream
        for (UserId id : new UserId[] {zoe.id(), ghost, chinese.id(), adam2.id(), adam1.id()}) {
            assertThat(contacts.add(owner.id(), id)).isTrue();
        }

        assertThat(contacts.isContact(owner.id(), ghost)).isTrue();
        assertThat(contacts.contactsOf(owner.id())).containsExactly(adam1, adam2, zoe, chinese);
    }

    @Test
    void a_user_without_contacts_has_none() {
        assertThat(contacts.contactsOf(new UserId(fresh("nobody")))).isEmpty();
        assertThat(contacts.isContact(new UserId(fresh("nobody")), new UserId(fresh("nobody")))).isFalse();
    }

    private User user(String name, String nickname) {
        return user(new UserId(fresh("u")), name, nickname);
    }

    private User user(UserId id, String name, String nickname) {
        User user = new User(id, TENANT, new UserProfile(fresh(name), nickname, "", "", "", "1", "", "", ""),
                new PasswordHash("plain-pw"));
        assertThat(users.upsert(user)).isEqualTo(UserRepository.Upsert.INSERTED);
        return user;
    }

    private static String fresh(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }
}
