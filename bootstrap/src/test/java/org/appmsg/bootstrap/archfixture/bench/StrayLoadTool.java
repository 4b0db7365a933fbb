package org.appmsg.bootstrap.archfixture.bench;

/** Deliberately broken: a load tool inside the server's code instead of the bench module's jar. */
public class StrayLoadTool {
}
