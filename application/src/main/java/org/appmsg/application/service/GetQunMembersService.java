package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.GetQunMembersUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.qun.Refusal;
import org.appmsg.domain.user.User;

/**
 * A member reads a group and its members; anyone else is refused {@link Refusal#NOT_MEMBER}.
 */
public final class GetQunMembersService implements GetQunMembersUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final UserRepository users;
    private final QunRepository quns;

    public GetQunMembersService(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns) {
        this.authenticate = authenticate;
        this.users = users;
        this.quns = quns;
    }

    @Override
    public QunResult get(Query query) {
        Optional<User> caller = authenticate.authenticate(query.userToken())
                .map(AuthenticateUserUseCase.Authenticated::user);
        if (caller.isEmpty()) {
            return new QunResult.Unauthorized();
        }
        Optional<QunRepository.Versioned> found = QunDesk.visible(quns, query.qun(), caller.get().tenant());
        if (found.isEmpty()) {
            return QunDesk.notFound(query.qun());
        }
        if (!found.get().qun().canRead(caller.get().id())) {
            return new QunResult.Refused(Refusal.NOT_MEMBER, "only members may read group " + query.qun().name());
        }
        return QunDesk.done(users, found.get());
    }
}
