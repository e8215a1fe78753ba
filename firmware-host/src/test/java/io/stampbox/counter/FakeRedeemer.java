package io.stampbox.counter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A redeemer whose answers the test gives, whenever it likes. */
final class FakeRedeemer implements Redeemer {

    record Asked(Request request, CompletableFuture<Verdict> answer) {}

    final List<Asked> asked = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Verdict> redeem(Request request) {
        CompletableFuture<Verdict> answer = new CompletableFuture<>();
        asked.add(new Asked(request, answer));
        return answer;
    }

    /** Waits until {@code count} requests were made, and returns the last. */
    Asked await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (asked.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " redemptions, got " + asked);
            }
            Thread.sleep(5);
        }
        return asked.get(count - 1);
    }
}
