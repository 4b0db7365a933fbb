package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.ChangeContactUseCase;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.user.User;

/** Stars or unstars another user of the caller's tenant in the caller's own contact list. */
public final class ChangeContactService implements ChangeContactUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final UserRepository users;
    private final ContactRepository contacts;

    public ChangeContactService(AuthenticateUserUseCase authenticate, UserRepository users,
            ContactRepository contacts) {
        this.authenticate = authenticate;
        this.users = users;
        this.contacts = contacts;
    }

    @Override
    public Result change(Command command) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(command.userToken());
        if (auth.isEmpty()) {
            return new Result.Unauthorized();
        }
        User caller = auth.get().user();
        if (caller.id().equals(command.contact())) {
            return new Result.OutOfScope("a user cannot be its own contact");
        }
        // another tenant's user answers as an unknown one: a caller learns nothing of other tenants
        if (users.findById(command.contact()).filter(u -> u.tenant().equals(caller.tenant())).isEmpty()) {
            return new Result.NotFound("user " + command.contact() + " does not exist");
        }
        boolean changed = command.star()
                ? contacts.add(caller.id(), command.contact())
                : contacts.remove(caller.id(), command.contact());
        return new Result.Done(changed);
    }
}
