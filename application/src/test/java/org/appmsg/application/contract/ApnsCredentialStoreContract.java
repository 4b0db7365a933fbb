package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApnsCredentialStore} does, whatever stores it. */
public abstract class ApnsCredentialStoreContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
    static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----\n";

    private ApnsCredentialStore credentials;

    /** The store under test, asked for before each test; may be shared: each test uses scopes of its own. */
    protected abstract ApnsCredentialStore credentials();

    @BeforeEach
    void setUpCredentials() {
        credentials = credentials();
    }

    private static String id() {
        return "cr-" + RUN + "-" + SEQ.incrementAndGet();
    }

    @Test
    void a_saved_signing_key_reads_back_whole() {
        ApnsCredential c = new ApnsCredential(new ApnsScope(ApnsScope.Kind.CUSTOMER, id()), "com.example.app",
                ApnsEnvironment.SANDBOX, new ApnsCredential.SigningKey(PEM, "ABCDE12345", "TEAM123456"), AT);

        credentials.save(c);

        assertThat(credentials.find(c.scope())).contains(c);
        assertThat(credentials.all()).contains(c);
    }

    @Test
    void a_saved_certificate_reads_back_whole_and_saving_again_replaces_it() {
        ApnsScope scope = new ApnsScope(ApnsScope.Kind.TENANT, id());
        ApnsCredential cert = new ApnsCredential(scope, "com.example.app", ApnsEnvironment.PRODUCTION,
                new ApnsCredential.Certificate(new byte[] {1, 2, 3, (byte) 0xff}, "pässword"), AT);
        credentials.save(cert);
        assertThat(credentials.find(scope)).contains(cert);

        ApnsCredential key = new ApnsCredential(scope, "com.example.other", ApnsEnvironment.SANDBOX,
                new ApnsCredential.SigningKey(PEM, "ABCDE12345", "TEAM123456"), AT.plusSeconds(5));
        credentials.save(key);
        assertThat(credentials.find(scope)).contains(key);
    }

    @Test
    void a_customer_and_a_tenant_with_the_same_id_are_different_scopes() {
        String id = id();
        ApnsScope customer = new ApnsScope(ApnsScope.Kind.CUSTOMER, id);
        credentials.save(new ApnsCredential(customer, "com.example.app", ApnsEnvironment.SANDBOX,
                new ApnsCredential.SigningKey(PEM, "ABCDE12345", "TEAM123456"), AT));

        assertThat(credentials.find(new ApnsScope(ApnsScope.Kind.TENANT, id))).isEmpty();
        assertThat(credentials.delete(new ApnsScope(ApnsScope.Kind.TENANT, id))).isFalse();
        assertThat(credentials.delete(customer)).isTrue();
        assertThat(credentials.find(customer)).isEmpty();
        assertThat(credentials.delete(customer)).isFalse();
    }
}
