package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stampbox.testing.SlowTest;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/**
 * Fuzzing (Jazzer) of what arrives over MQTT for the unit's own handlers: commands and voucher answers
 * (with their signatures). A command is a request or a precise {@link IOException}; an answer is an answer
 * or null; a signature never verifies unless made by the key. Regression mode over
 * {@code src/test/resources/io/stampbox/wire/PayloadsFuzzTestInputs/}.
 */
@SlowTest
class PayloadsFuzzTest {

    private static final KeyPair BACKEND = keys();

    private static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aCommandIsARequestOrAPreciseError(byte[] payload) {
        try {
            CommandRequest request = CommandRequest.parse(payload);
            assertTrue(request.id().length() <= CommandRequest.MAX_ID_LENGTH);
            assertTrue(request.args().isObject());
            request.expiry();
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith("malformed request: "), e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aRedeemAnswerIsAnAnswerOrNullAndNeverVerifiesUnsigned(FuzzedDataProvider data) {
        String deviceId = data.consumeString(20);
        String voucherId = data.consumeString(20);
        byte[] payload = data.consumeRemainingAsBytes();
        RedeemAnswer answer = RedeemAnswer.parse(payload);
        if (answer != null) {
            assertFalse(RedeemSignature.verify(BACKEND.getPublic(), answer.signature(), answer.requestId(), deviceId,
                    voucherId, answer.outcome()), "a signature the backend never made verified");
        }
    }
}
