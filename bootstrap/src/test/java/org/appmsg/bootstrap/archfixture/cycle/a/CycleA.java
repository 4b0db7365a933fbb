package org.appmsg.bootstrap.archfixture.cycle.a;

/** Deliberately broken: half of a package cycle. */
public class CycleA {
    Object other() {
        return org.appmsg.bootstrap.archfixture.cycle.b.CycleB.class;
    }
}
