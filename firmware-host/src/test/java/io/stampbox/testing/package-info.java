/**
 * Test support shared by firmware-host's and provisioning's tests (provisioning reads it from
 * firmware-host's test-jar), and the test tiers.
 *
 * <p>Helpers: {@link io.stampbox.testing.Await} (every wait in a test: a condition polled until a
 * deadline), {@link io.stampbox.testing.RecordingIndicator}, {@link io.stampbox.testing.MemoryOutbox}
 * (the one in-memory outbox, with failure injection) and {@link io.stampbox.testing.FilledOutbox} (a real
 * MapDB outbox filled for benchmarks), {@link io.stampbox.testing.PtyPair} (socat),
 * {@link io.stampbox.testing.MosquittoBroker}, {@link io.stampbox.testing.Certificates} (openssl) and
 * {@link io.stampbox.testing.CloudSubscriber}.
 *
 * <p>Tiers: a test class (or a single test method in an otherwise quick class) that needs more than the
 * JVM, fakes and temporary files carries one or more of {@link io.stampbox.testing.ProcessTest}
 * ({@code process}: child JVMs, kill -9, strace, openssl, systemd tools), {@link io.stampbox.testing.BrokerTest}
 * ({@code broker}: mosquitto), {@link io.stampbox.testing.PtyTest} ({@code pty}: socat) and
 * {@link io.stampbox.testing.SlowTest} ({@code slow}: over about 2 s on its own). Untagged tests are the
 * fast tier, {@code mvn -B -Pfast verify}; the default build, and {@code firmware-host/scripts/test.sh},
 * runs all of them. A new test that starts a process, a broker or a pty must carry the tag
 * ({@link io.stampbox.testing.TierTagsTest} checks the sources of both modules).
 */
package io.stampbox.testing;
