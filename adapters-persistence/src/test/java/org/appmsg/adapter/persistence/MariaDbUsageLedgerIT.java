package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.UsageLedgerContract;
import org.appmsg.application.port.out.UsageLedger;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbUsageLedgerIT extends UsageLedgerContract {

    @RegisterExtension
    static final TestStore store = TestStore.mariaDb();

    @Override
    protected UsageLedger ledger() {
        return store.persistence().usage();
    }
}
