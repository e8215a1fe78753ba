package io.stampbox.update;

import io.stampbox.wire.UpdateOrder;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** The checks an order passes before anything is downloaded (its bounds were checked by {@link UpdateOrder#parse}). */
final class OrderCheck {

    private OrderCheck() {}

    /** Why the order is refused, or null: signed by the fleet key, not marked bad, not the running version. */
    static String refusal(UpdateOrder order, PublicKey fleetKey, BadVersions bad, String running) {
        String signature = signatureProblem(order, fleetKey);
        if (signature != null) {
            return signature;
        }
        String why = bad.why(order.version());
        if (why != null) {
            return "version " + order.version() + " is marked bad on this unit: " + why;
        }
        return order.version().equals(running) ? "already running version " + running : null;
    }

    /** Why the signature does not hold, or null when the fleet key signed the order's bytes. */
    static String signatureProblem(UpdateOrder order, PublicKey fleetKey) {
        if (fleetKey == null) {
            return "no fleet key (setup.publicKeyFile) to check the order's signature with";
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(fleetKey);
            verifier.update(order.signedBytes());
            return verifier.verify(order.signatureBytes()) ? null : "bad signature: the order is not signed by the fleet key";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "bad signature: " + e.getMessage();
        }
    }
}
