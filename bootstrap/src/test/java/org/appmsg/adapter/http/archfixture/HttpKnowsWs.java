package org.appmsg.adapter.http.archfixture;

/** Deliberately broken: one adapter depending on another. */
public class HttpKnowsWs {
    Object other() {
        return org.appmsg.adapter.ws.WebSocketAdapter.class;
    }
}
