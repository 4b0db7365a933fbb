package org.appmsg.application.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.appmsg.application.port.out.LiveDelivery;

/** Remembers what was handed over for live delivery. */
public final class RecordingLiveDelivery implements LiveDelivery {

    private final List<Live> delivered = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(List<Live> messages) {
        delivered.addAll(messages);
    }

    public List<Live> delivered() {
        return List.copyOf(delivered);
    }
}
