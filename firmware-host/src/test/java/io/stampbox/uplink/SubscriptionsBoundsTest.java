package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 11 item 3: inbound messages are bounded in size, and the dispatcher's queue in bytes. */
class SubscriptionsBoundsTest {

    @Test
    void anOversizedMessageIsDroppedAndAFullQueueByBytesToo() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CopyOnWriteArrayList<Integer> seen = new CopyOnWriteArrayList<>();
        try (Subscriptions subscriptions = new Subscriptions()) {
            subscriptions.add("a/#", (MessageHandler) (topic, payload, retained) -> {
                seen.add(payload.length);
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            subscriptions.start();
            subscriptions.enqueue("a/big", new byte[Subscriptions.MAX_MESSAGE_BYTES + 1], true);
            assertEquals(1, subscriptions.refused());
            subscriptions.enqueue("a/first", new byte[1], false);
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            int fit = (int) (Subscriptions.MAX_QUEUED_BYTES / Subscriptions.MAX_MESSAGE_BYTES);
            for (int i = 0; i < fit; i++) {
                subscriptions.enqueue("a/fill", new byte[Subscriptions.MAX_MESSAGE_BYTES], false);
            }
            assertEquals(1, subscriptions.refused(), "exactly the byte budget fits");
            subscriptions.enqueue("a/more", new byte[1], false);
            assertEquals(2, subscriptions.refused(), "one byte more is refused");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < 1 + fit && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1 + fit, seen.size());
            subscriptions.enqueue("a/after", new byte[1], false); // the budget is released as messages are handled
            assertEquals(2, subscriptions.refused());
        }
    }
}
