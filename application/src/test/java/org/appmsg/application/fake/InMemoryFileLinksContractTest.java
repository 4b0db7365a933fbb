package org.appmsg.application.fake;

import org.appmsg.application.contract.FileLinksContract;
import org.appmsg.application.port.out.FileLinks;

class InMemoryFileLinksContractTest extends FileLinksContract {

    @Override
    protected FileLinks links() {
        return new InMemoryFileLinks();
    }
}
