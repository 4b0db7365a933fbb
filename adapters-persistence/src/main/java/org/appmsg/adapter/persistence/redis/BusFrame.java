package org.appmsg.adapter.persistence.redis;

import java.util.Arrays;

/**
 * What travels on the bus channels: {@code [type][source node: 2 bytes][body]}. The body is opaque bytes for
 * callers' messages and broadcasts, {@link PresenceChanges} for presence, the epoch for a hello.
 */
record BusFrame(Type type, int source, byte[] body) {

    enum Type {
        /** A caller's point-to-point message. */
        MESSAGE,
        /** A caller's message to every other node. */
        BROADCAST,
        /** Changes a node made to the presence hashes, in the order it made them. */
        PRESENCE,
        /** A node (re)started or reconnected: forget its holds, its full state follows. */
        HELLO,
        /** A node stopped cleanly: forget its holds now rather than when its lease expires. */
        GOODBYE,
        /** A node's own keep-alive on its channels: a subscription that stops hearing it is reconnected. */
        PING
    }

    private static final Type[] TYPES = Type.values();

    byte[] encode() {
        byte[] out = new byte[3 + body.length];
        out[0] = (byte) type.ordinal();
        out[1] = (byte) (source >>> 8);
        out[2] = (byte) source;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    /** Throws IllegalArgumentException for bytes that are not a frame. */
    static BusFrame decode(byte[] raw) {
        if (raw.length < 3 || raw[0] < 0 || raw[0] >= TYPES.length) {
            throw new IllegalArgumentException("not a bus frame (" + raw.length + " bytes)");
        }
        int source = (raw[1] & 0xff) << 8 | raw[2] & 0xff;
        return new BusFrame(TYPES[raw[0]], source, Arrays.copyOfRange(raw, 3, raw.length));
    }

    /** A hello's body: the node's new epoch, and whether it is back after losing Redis (not a fresh start). */
    static byte[] hello(long epoch, boolean resumed) {
        byte[] out = new byte[9];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (epoch >>> (56 - 8 * i));
        }
        out[8] = (byte) (resumed ? 1 : 0);
        return out;
    }

    /** Whether a hello says its node resumed after losing Redis. */
    boolean resumed() {
        return type == Type.HELLO && body.length == 9 && body[8] == 1;
    }
}
