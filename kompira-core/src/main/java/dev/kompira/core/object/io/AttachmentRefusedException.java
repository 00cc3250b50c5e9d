package dev.kompira.core.object.io;

import java.io.IOException;

/**
 * An {@link AttachmentSource} holds a file but will not give it, because reading it would leave the
 * bundle or folder (a symbolic link pointing elsewhere). The import keeps the File's name, leaves
 * its bytes empty and reports the message as a warning.
 */
public final class AttachmentRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason why the file was refused, starting with its path
     */
    public AttachmentRefusedException(String reason) {
        super(reason);
    }
}
