package org.appmsg.adapter.persistence.redis;

import org.appmsg.domain.session.SessionState;

/**
 * The fields of a user's presence hash and their values, as text (they are read with redis-cli too).
 *
 * <ul>
 *   <li>{@code <node>|<device>} = {@code <connections>|<created ms>|<epoch>}: the connections node {@code node}
 *       holds to that session of the user; device {@code ""} counts the user's session-less ({@code uid@user})
 *       connections. Only that node writes it. {@code epoch} changes whenever the node rewrites its fields (at
 *       start and after losing Redis), so a reaper's compare-and-delete of an old value never hits a new one.</li>
 *   <li>{@code *|<device>} = {@code <state>|<updated ms>|<writer node>}: the session's state, written by whichever
 *       node set it (a session's connections and the request that sets its state may be on different nodes).
 *       Absent means {@code init}; it is reset at the session's first connection and removed with its last.</li>
 * </ul>
 * Neither user ids nor devices may contain {@code |}, so splitting at the first one is unambiguous.
 */
final class PresenceFields {

    private static final String MARK = "*|";

    private PresenceFields() {}

    /** Where a node's connections of one session (or of no session: device {@code ""}) are counted. */
    record HoldKey(int node, String device) {}

    record Hold(int connections, long createdMillis) {
        Hold {
            if (connections < 1) {
                throw new IllegalArgumentException("a hold has at least one connection: " + connections);
            }
        }
    }

    /** A session's state as set at {@code updatedMillis} by node {@code writer}; later marks win, then higher writers. */
    record Mark(SessionState state, long updatedMillis, int writer) {
        boolean supersedes(Mark other) {
            return other == null || updatedMillis > other.updatedMillis
                    || updatedMillis == other.updatedMillis && writer >= other.writer;
        }
    }

    static String holdField(HoldKey key) {
        return key.node() + "|" + key.device();
    }

    static String holdValue(Hold hold, long epoch) {
        return hold.connections() + "|" + hold.createdMillis() + "|" + Long.toString(epoch, 36);
    }

    static String markField(String device) {
        return MARK + device;
    }

    static String markValue(Mark mark) {
        return mark.state().wire() + "|" + mark.updatedMillis() + "|" + mark.writer();
    }

    static boolean isMark(String field) {
        return field.startsWith(MARK);
    }

    /** The device of a mark field. */
    static String markDevice(String field) {
        return field.substring(MARK.length());
    }

    /** The key of a hold field; throws IllegalArgumentException when it is not one. */
    static HoldKey holdKey(String field) {
        int bar = field.indexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("not a presence field: " + field);
        }
        return new HoldKey(Integer.parseInt(field, 0, bar, 10), field.substring(bar + 1));
    }

    static Hold hold(String value) {
        String[] parts = value.split("\\|");
        return new Hold(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }

    static Mark mark(String value) {
        String[] parts = value.split("\\|");
        SessionState state = SessionState.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
        return new Mark(state, Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
    }
}
