package org.appmsg.domain.archfixture;

/** Deliberately broken: the domain logging through slf4j and reaching into a service. */
public class DomainReachingOut {
    Object reach() {
        org.slf4j.LoggerFactory.getLogger(DomainReachingOut.class).info("no");
        return org.appmsg.application.service.LoginService.class;
    }
}
