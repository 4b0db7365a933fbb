package org.appmsg.application.service.archfixture;

/** Deliberately broken: a service that is not final, implements no use case and reads the clock. */
public class ClockReadingService {
    java.time.Instant now() {
        return java.time.Instant.now();
    }
}
