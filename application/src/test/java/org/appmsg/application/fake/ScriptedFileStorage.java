package org.appmsg.application.fake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.appmsg.application.port.out.FileStorage;

/**
 * A {@link FileStorage} that answers {@link Deletion.Deleted} unless a test queued other answers for a file, and
 * records every call.
 */
public final class ScriptedFileStorage implements FileStorage {

    private final Map<String, Deque<Deletion>> scripted = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** The next answers for {@code fileId}, in order; then it is deleted. */
    public synchronized ScriptedFileStorage answer(String fileId, Deletion... answers) {
        scripted.computeIfAbsent(fileId, f -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    @Override
    public synchronized Deletion delete(String fileId, String fileUrl) {
        calls.add(fileId);
        Deque<Deletion> next = scripted.get(fileId);
        return next == null || next.isEmpty() ? new Deletion.Deleted() : next.poll();
    }

    /** The file ids asked to delete, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
