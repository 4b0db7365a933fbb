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
import org.appmsg.application.port.in.RenameQunUseCase;

/** The owner or an admin renames a group; notices to every member. */
public final class RenameQunService implements RenameQunUseCase {

    private final QunDesk desk;

    /** @param noticeLifetime how long notices stay in mailboxes: the server's default message lifetime */
    public RenameQunService(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration noticeLifetime) {
        this.desk = new QunDesk(authenticate, users, quns, live, presence, ids, clock, noticeLifetime);
    }

    @Override
    public QunResult rename(Command command) {
        return desk.changeAs(command.userToken(), command.qun(), (actor, qun) -> qun.rename(actor, command.topic()));
    }
}
