package io.stampbox.update;

/** An update order or cancel the unit does not carry out; the message is the command result's error. */
public final class UpdateRefused extends Exception {
    public UpdateRefused(String message) {
        super(message);
    }
}
