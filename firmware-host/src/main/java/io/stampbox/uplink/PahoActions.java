package io.stampbox.uplink;

import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;

/** Paho's action listener from two lambdas. Both run on Paho's threads: hand over, never block. */
final class PahoActions {

    private PahoActions() {}

    static IMqttActionListener of(Consumer<IMqttToken> onSuccess, Consumer<Throwable> onFailure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                onSuccess.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                onFailure.accept(failure);
            }
        };
    }
}
