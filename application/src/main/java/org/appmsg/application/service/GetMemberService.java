package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.GetMemberUseCase;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.user.User;

/** A signed-in user looks up a user of its own tenant, with whether it is one of its contacts. */
public final class GetMemberService implements GetMemberUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final UserRepository users;
    private final ContactRepository contacts;

    public GetMemberService(AuthenticateUserUseCase authenticate, UserRepository users, ContactRepository contacts) {
        this.authenticate = authenticate;
        this.users = users;
        this.contacts = contacts;
    }

    @Override
    public Result get(Query query) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(query.userToken());
        if (auth.isEmpty()) {
            return new Result.Unauthorized();
        }
        User caller = auth.get().user();
        // another tenant's user answers as an unknown one: a caller learns nothing of other tenants
        Optional<User> member = users.findById(query.member()).filter(u -> u.tenant().equals(caller.tenant()));
        if (member.isEmpty()) {
            return new Result.NotFound("user " + query.member() + " does not exist");
        }
        return new Result.Found(member.get(), contacts.isContact(caller.id(), query.member()));
    }
}
