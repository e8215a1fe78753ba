package io.stampbox.fleet;

/** A command that cannot run; the message becomes the result's {@code error}. */
final class CommandException extends Exception {
    CommandException(String message) {
        super(message);
    }
}
