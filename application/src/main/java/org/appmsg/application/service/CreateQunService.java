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
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.domain.qun.Qun;

/** Creates a group owned by the token's user with the listed users of its tenant; notices to everyone. */
public final class CreateQunService implements CreateQunUseCase {

    private final QunDesk desk;
    private final int maxMembers;

    /** With {@link Qun#DEFAULT_MAX_MEMBERS} as the new groups' member limit. */
    public CreateQunService(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration noticeLifetime) {
        this(authenticate, users, quns, live, presence, ids, clock, noticeLifetime, Qun.DEFAULT_MAX_MEMBERS);
    }

    /**
     * @param noticeLifetime how long notices stay in mailboxes: the server's default message lifetime
     * @param maxMembers the member limit of the groups it creates (the server setting {@code APPMSG_QUN_MAX_MEMBERS})
     */
    public CreateQunService(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration noticeLifetime,
            int maxMembers) {
        this.desk = new QunDesk(authenticate, users, quns, live, presence, ids, clock, noticeLifetime);
        this.maxMembers = maxMembers;
    }

    @Override
    public QunResult create(Command command) {
        return desk.withListed(command.userToken(), command.members(),
                (caller, others) -> desk.create(id -> Qun.create(id, QunDesk.person(caller), command.topic(), others,
                        maxMembers, command.ownerOnlyInvite())));
    }
}
