package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.util.List;
import org.appmsg.adapter.persistence.Tables.Contacts;
import org.appmsg.adapter.persistence.Tables.Users;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

/** The {@link ContactRepository} port on jOOQ (table user_contact, joined with app_user). */
final class JooqContactRepository implements ContactRepository {

    private final Database db;
    private final Clock clock;

    JooqContactRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public boolean add(UserId owner, UserId contact) {
        return db.insertIfAbsent(dsl -> dsl.insertInto(Contacts.TABLE)
                .set(Contacts.OWNER_ID, owner.value())
                .set(Contacts.CONTACT_ID, contact.value())
                .set(Contacts.CREATED, clock.millis())
                .onConflict(Contacts.OWNER_ID, Contacts.CONTACT_ID)
                .doNothing()
                .execute());
    }

    @Override
    public boolean remove(UserId owner, UserId contact) {
        return db.query(dsl -> dsl.deleteFrom(Contacts.TABLE)
                .where(Contacts.OWNER_ID.eq(owner.value()), Contacts.CONTACT_ID.eq(contact.value()))
                .execute()) > 0;
    }

    @Override
    public boolean isContact(UserId owner, UserId contact) {
        return db.query(dsl -> dsl.fetchExists(Contacts.TABLE,
                Contacts.OWNER_ID.eq(owner.value()), Contacts.CONTACT_ID.eq(contact.value())));
    }

    @Override
    public List<User> contactsOf(UserId owner) {
        return db.query(dsl -> dsl.select(JooqUserRepository.COLUMNS).from(Contacts.TABLE)
                .join(Users.TABLE).on(Users.ID.eq(Contacts.CONTACT_ID))
                .where(Contacts.OWNER_ID.eq(owner.value()))
                .orderBy(Users.NICKNAME, Users.ID)
                .fetch(JooqUserRepository::toUser));
    }
}
