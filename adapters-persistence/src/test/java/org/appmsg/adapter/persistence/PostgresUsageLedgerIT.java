package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.UsageLedgerContract;
import org.appmsg.application.port.out.UsageLedger;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUsageLedgerIT extends UsageLedgerContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected UsageLedger ledger() {
        return store.persistence().usage();
    }
}
