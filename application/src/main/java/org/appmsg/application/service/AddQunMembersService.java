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
import org.appmsg.application.port.in.AddQunMembersUseCase;

/** A member adds users of the caller's tenant to a group; notices to the actor, the added and the others. */
public final class AddQunMembersService implements AddQunMembersUseCase {

    private final QunDesk desk;

    /** @param noticeLifetime how long notices stay in mailboxes: the server's default message lifetime */
    public AddQunMembersService(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration noticeLifetime) {
        this.desk = new QunDesk(authenticate, users, quns, live, presence, ids, clock, noticeLifetime);
    }

    @Override
    public QunResult add(Command command) {
        return desk.withListed(command.userToken(), command.members(),
                (caller, people) -> desk.change(command.qun(), caller.tenant(), qun -> qun.add(caller.id(), people)));
    }
}
