package org.appmsg.domain.file;

import org.appmsg.domain.message.MessageType;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * A file a client uploaded to the file store beforehand and a message refers to: the message's
 * {@code objectContent.responseUpload} (msgType 2 file, 3 image, 4 voice; legacy spec §16). {@code fid} is the
 * file store's id of the file and what the server deletes it by; {@code fileUrl} is where clients fetch it.
 */
public record FileUpload(String fid, String fileName, String fileUrl, long size) {

    /** Longest file id and file name: what the message type catalogue allows. */
    public static final int MAX_NAME = MessageType.MAX_NAME;
    /** Longest URL: what the message type catalogue allows. */
    public static final int MAX_URL = MessageType.MAX_URL;

    public FileUpload {
        Text.required("responseUpload.fid", fid, MAX_NAME);
        Text.required("responseUpload.fileName", fileName, MAX_NAME);
        Text.required("responseUpload.fileUrl", fileUrl, MAX_URL);
        if (size < 0) {
            throw new DomainViolation("file.size_negative", "responseUpload.size must be 0 or more");
        }
    }
}
