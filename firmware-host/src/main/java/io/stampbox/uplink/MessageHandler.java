package io.stampbox.uplink;

import java.util.function.BiConsumer;

/**
 * A subscription handler that also learns whether a message was delivered as retained (a message the
 * broker kept, sent again on subscribe) rather than published just now. Pass one to
 * {@link Uplink#subscribe} or {@link Uplink#subscribeFleet}; a plain {@link BiConsumer} is told
 * nothing of it.
 */
@FunctionalInterface
public interface MessageHandler extends BiConsumer<String, byte[]> {

    void message(String topic, byte[] payload, boolean retained);

    @Override
    default void accept(String topic, byte[] payload) {
        message(topic, payload, false);
    }
}
