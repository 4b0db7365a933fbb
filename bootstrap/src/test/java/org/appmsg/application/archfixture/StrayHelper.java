package org.appmsg.application.archfixture;

/** Deliberately broken: an application class outside ports and services, using web frameworks. */
public class StrayHelper {
    Object[] frameworks() {
        return new Object[] {io.javalin.Javalin.class, org.eclipse.jetty.server.Server.class};
    }
}
