package org.appmsg.application.fake;

import org.appmsg.application.contract.LoginAttemptsContract;
import org.appmsg.application.port.out.LoginAttempts;

class InMemoryLoginAttemptsContractTest extends LoginAttemptsContract {

    @Override
    protected LoginAttempts attempts() {
        return new InMemoryLoginAttempts();
    }
}
