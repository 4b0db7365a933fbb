package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.application.port.in.RemoveQunMembersUseCase;

/**
 * The owner or an admin removes members; listing oneself is leaving. The listed ids are not looked up in the
 * directory: the group only needs ids, and a user deleted from the directory must still be removable.
 */
public final class RemoveQunMembersService implements RemoveQunMembersUseCase {

    private final QunDesk desk;

    /** @param noticeLifetime how long notices stay in mailboxes: the server's default message lifetime */
    public RemoveQunMembersService(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration noticeLifetime) {
        this.desk = new QunDesk(authenticate, users, quns, live, presence, ids, clock, noticeLifetime);
    }

    @Override
    public QunResult remove(Command command) {
        return desk.changeAs(command.userToken(), command.qun(), (actor, qun) -> qun.remove(actor, command.members()));
    }
}
