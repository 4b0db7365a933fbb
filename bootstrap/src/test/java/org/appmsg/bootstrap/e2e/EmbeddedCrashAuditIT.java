package org.appmsg.bootstrap.e2e;

/** Crash safety on the embedded default: H2 file database under the data dir. */
class EmbeddedCrashAuditIT extends CrashAuditContract {

    @Override
    String databaseUrl() {
        return "";
    }
}
