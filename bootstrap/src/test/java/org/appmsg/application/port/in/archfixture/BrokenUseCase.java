package org.appmsg.application.port.in.archfixture;

/** Deliberately broken: a use case that is a class. */
public class BrokenUseCase {
    /** Deliberately broken: a command that is not a record. */
    public static class BrokenCommand {}
}
