package org.appmsg.application.port.in;

import org.appmsg.domain.shared.TenantId;

/**
 * What a push reports once it has stored its message: how many recipients' mailbox entries it stored, for the
 * {@code recipients} usage counter (key: the push type) the reports sum. The sender's own copy is not a recipient;
 * a live-only message stores nothing and a refused push reaches no store, so neither counts. Counting is an
 * in-memory add, written to the usage ledger with the other counts about once a second.
 */
@FunctionalInterface
public interface CountRecipientsUseCase {

    /** Counts nothing: for services wired without usage counting. */
    CountRecipientsUseCase NONE = (tenant, pushType, recipients) -> {};

    /**
     * One push of {@code pushType} ({@code @user}, {@code @qun}, {@code @org}, {@code @tenant}, {@code @app}) by a
     * sender of {@code tenant} stored {@code recipients} entries (zero counts nothing). Never throws for storage: a
     * failure to write the counts is the periodic flush's, which keeps them for the next attempt.
     */
    void stored(TenantId tenant, String pushType, long recipients);
}
