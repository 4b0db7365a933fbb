package org.appmsg.bench;

import java.util.Map;

/**
 * The measured window of one ladder step, as reported and written to JSON. Rates are per second of the measured
 * window; "frames" are the copies the receivers must get (one per message for unicast, one per member for a
 * group); latencies come from each message's intended send time.
 *
 * @param offered           the step's rate in the scenario's unit (messages/s for unicast, frames/s for a group)
 * @param messageRate       messages per second offered
 * @param messages          messages due in the measured window
 * @param sent              of those, sent (answered or not)
 * @param acked             answered {@code ret 0}
 * @param refused           answered with another {@code ret} (errors)
 * @param failed            whose connection failed or timed out after sending (errors; still expected)
 * @param unsent            never sent because the sender was too far behind its schedule
 * @param lostFrames        copies of sent, unrefused messages that had not arrived when the drain ended
 * @param lostMessages      messages with at least one lost copy
 * @param duplicates        copies beyond the expected ones
 * @param achieved          acknowledged messages per second of the window, in the scenario's unit
 * @param framesPerSecond   frames of measured messages received, per second of the window
 * @param delivery          intended send time → frame received
 * @param request           intended send time → answer, per route
 * @param sendLag           intended send time → request started (how far the sender itself fell behind)
 * @param serverCpuMicrosPerMessage server process CPU time (user + system) during the window per message sent; null
 *                          without a server pid
 * @param serverCpuPercent  the same as a share of one CPU
 * @param serverRssMb       server resident set at the end of the window (null when unknown)
 * @param serverHeapMb      server heap in use at the end of the window, from /metrics (null when unknown)
 * @param loadCpuPercent    this load tool's CPU time during the window as a share of one CPU
 * @param closedByServer    receiver connections the server closed during the step
 */
public record StepResult(double offered, double messageRate, long messages, long sent, long acked, long refused,
                         long failed, long unsent, long expectedFrames, long receivedFrames, long lostFrames,
                         long lostMessages, long duplicates, double achieved, double framesPerSecond,
                         Percentiles delivery, Map<String, Percentiles> request, Percentiles sendLag,
                         Double serverCpuMicrosPerMessage, Double serverCpuPercent, Long serverRssMb,
                         Long serverHeapMb, double loadCpuPercent, long closedByServer) {

    /** Refused plus failed requests. */
    public long errors() {
        return refused + failed;
    }
}
