package org.appmsg.bootstrap.archfixture.cycle.b;

/** Deliberately broken: the other half of a package cycle. */
public class CycleB {
    Object other() {
        return org.appmsg.bootstrap.archfixture.cycle.a.CycleA.class;
    }
}
