package io.stampbox.counter;

import io.stampbox.testing.Await;
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
    Asked await(int count) {
        Await.until(count + " redemptions", Await.TIMEOUT, () -> asked.size() >= count, asked::toString);
        return asked.get(count - 1);
    }
}
