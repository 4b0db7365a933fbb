package org.appmsg.application.fake;

import org.appmsg.application.contract.UsageLedgerContract;
import org.appmsg.application.port.out.UsageLedger;

class InMemoryUsageLedgerContractTest extends UsageLedgerContract {

    @Override
    protected UsageLedger ledger() {
        return new InMemoryUsageLedger();
    }
}
