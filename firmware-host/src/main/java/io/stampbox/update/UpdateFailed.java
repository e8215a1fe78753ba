package io.stampbox.update;

/** A download or check that ended the update; the message is the {@code failed} state's reason. */
final class UpdateFailed extends Exception {
    UpdateFailed(String message) {
        super(message);
    }
}
