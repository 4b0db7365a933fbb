package org.appmsg.domain.message;

import static org.appmsg.domain.message.FieldRule.required;

import java.util.ArrayList;
import java.util.List;

/** The {@code responseUpload} object that every uploaded-file type carries (legacy spec §7.2, §16). */
final class Uploads {

    static final List<FieldRule> RESPONSE_UPLOAD = List.of(
            required("responseUpload", FieldRule.Value.OBJECT),
            required("responseUpload.fid", FieldRule.Value.ID),
            required("responseUpload.fileName", FieldRule.Value.FILE_NAME),
            required("responseUpload.fileUrl", FieldRule.Value.FILE_URL),
            required("responseUpload.size", FieldRule.Value.COUNT));

    private Uploads() {}

    /** {@link #RESPONSE_UPLOAD} followed by {@code more}. */
    static List<FieldRule> with(FieldRule... more) {
        List<FieldRule> rules = new ArrayList<>(RESPONSE_UPLOAD);
        rules.addAll(List.of(more));
        return List.copyOf(rules);
    }
}
