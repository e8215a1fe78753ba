package io.stampbox.responder;

import io.stampbox.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.client.mqttv3.MqttException;
import io.stampbox.wire.TlsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.BrokerFailures;
import io.stampbox.toolkit.Exit;
import io.stampbox.toolkit.Failures;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.toolkit.Tools;

/** A reference backend that answers voucher redemptions from a list file, for demos and tests. */
@Command(name = "responder", mixinStandardHelpOptions = true, versionProvider = Tools.ResponderVersion.class,
        description = "Answer voucher redemptions (" + Topics.REDEEM_REQUEST + ") of every unit under a topic root from a list"
                + " of vouchers, each redeemable once. Runs until interrupted. For demos and tests, not production.")
public final class ResponderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, description = "broker, tcp://host:port")
    String url;
    @Option(names = "--root", defaultValue = "stampbox/v1", description = "topic root (mqtt.topicRoot), default: ${DEFAULT-VALUE}")
    String root;
    @Option(names = "--vouchers", required = true, paramLabel = "FILE",
            description = "one voucher id a line (the voucherPattern's voucher group); # starts a comment")
    Path vouchers;
    @Option(names = "--stamp-card", paramLabel = "N", defaultValue = "0",
            description = "stamp-card mode: answer every published stamp on scan/result; every N stamps of a card a"
                    + " reward is due (0: off, the default)")
    int stampCard;
    @Option(names = "--reward-label", defaultValue = "Free coffee", description = "default: ${DEFAULT-VALUE}")
    String rewardLabel;
    @Option(names = "--client-id", defaultValue = "stampbox-responder", description = "default: ${DEFAULT-VALUE}")
    String clientId;
    @Option(names = "--username", description = "broker login")
    String username;
    @Option(names = "--password", description = "broker password", interactive = true, arity = "0..1")
    String password;

    @Option(names = "--signing-key", paramLabel = "FILE",
            description = "the backend's Ed25519 private key (PEM, PKCS#8): answers are signed (contract 3.6)")
    java.nio.file.Path signingKey;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        VoucherBook book;
        try {
            book = VoucherBook.load(vouchers);
        } catch (IOException e) {
            throw ToolFailure.usage("--vouchers: " + Failures.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw ToolFailure.usage("--vouchers: " + e.getMessage(), e);
        }
        out.println(book.size() + " vouchers loaded from " + vouchers);
        if (stampCard < 0) {
            throw ToolFailure.usage("--stamp-card: must be >= 0, got " + stampCard, (Throwable) null);
        }
        StampCards cards = stampCard == 0 ? null : new StampCards(stampCard, rewardLabel);
        java.security.PrivateKey key;
        try {
            key = signingKey == null ? null
                    : io.stampbox.wire.PemFiles.privateKey(signingKey, "--signing-key", "Ed25519");
        } catch (TlsException e) {
            throw ToolFailure.usage(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Responder responder = new Responder(new Responder.Settings(url, root, clientId, username, password),
                book, cards, out, key)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "responder-stop"));
            responder.start();
            stopped.await();
            return Exit.OK;
        } catch (IllegalArgumentException | TlsException e) {
            throw ToolFailure.usage(e.getMessage(), e);
        } catch (MqttException e) {
            throw BrokerFailures.connect(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exit.OK;
        }
    }
}
