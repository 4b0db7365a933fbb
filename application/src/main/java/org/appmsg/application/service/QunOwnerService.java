package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.in.SetQunInviteUseCase;
import org.appmsg.application.port.in.SetQunMemberRoleUseCase;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.UserRepository;

/**
 * What only a group's owner decides: the members' roles (handing ownership over included) and whether only he
 * adds members. A role's target is not looked up in the directory: the group holds him or refuses
 * ({@code UNKNOWN_MEMBER}). Neither change sends a notice.
 */
public final class QunOwnerService implements SetQunMemberRoleUseCase, SetQunInviteUseCase {

    private final QunDesk desk;

    /** The collaborators of the other group services (notices are never sent here, but share the desk). */
    public QunOwnerService(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration noticeLifetime) {
        this.desk = new QunDesk(authenticate, users, quns, live, presence, ids, clock, noticeLifetime);
    }

    @Override
    public QunResult setRole(SetQunMemberRoleUseCase.Command command) {
        return desk.changeAs(command.userToken(), command.qun(),
                (actor, qun) -> qun.setRole(actor, command.member(), command.role()));
    }

    @Override
    public QunResult setInvite(SetQunInviteUseCase.Command command) {
        return desk.changeAs(command.userToken(), command.qun(),
                (actor, qun) -> qun.setOwnerOnlyInvite(actor, command.ownerOnlyInvite()));
    }
}
