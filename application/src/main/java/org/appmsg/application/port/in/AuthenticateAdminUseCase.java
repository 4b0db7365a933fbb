package org.appmsg.application.port.in;

/** Checks the operator's admin key ({@code Authorization: Bearer <key>} on the admin port). */
@FunctionalInterface
public interface AuthenticateAdminUseCase {

    /** True only for the current admin key; comparison time does not depend on where keys differ. */
    boolean isAdmin(String presentedKey);
}
