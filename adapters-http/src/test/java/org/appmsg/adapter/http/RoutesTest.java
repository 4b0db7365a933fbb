package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Route tests against one lambda-stubbed {@link TestServer} per test class, reset before each test. */
abstract class RoutesTest {

    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.calls.clear();
        server.resetDirectoryStubs();
    }

    /** An app-port refusal: HTTP 200 and exactly {@code {"baseResponse":{"ret":ret,"errMsg":errMsg}}}. */
    static void assertRefusal(TestServer.Response response, int ret, String errMsg) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString())
                .isEqualTo("{\"baseResponse\":{\"ret\":" + ret + ",\"errMsg\":" + TestServer.JSON.valueToTree(errMsg) + "}}");
    }
}
