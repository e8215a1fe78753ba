package io.stampbox.signal;

/**
 * The port to the staff button: a momentary push button whose presses are short or long. The pipeline
 * listens; presses are reported after the button is released (and its bounce has settled), on the
 * button's own thread: the listener only hands them over (the scan pipeline enqueues them).
 */
public interface StaffButton extends AutoCloseable {

    /** How long the button was held: shorter than {@code staff.longPressMs}, or not. */
    enum Press { SHORT, LONG }

    @FunctionalInterface
    interface Listener {
        void pressed(Press press);
    }

    /** No button wired (or none on this platform): never presses. */
    StaffButton NONE = new StaffButton() {
        @Override
        public void start(Listener listener) {
            // nothing to watch
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    void start(Listener listener);

    /** Stops reporting presses and releases the input. */
    @Override
    void close();
}
