package io.stampbox.ingest;

import io.stampbox.testing.MosquittoBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The network between the simulated units and their brokers: a TCP forwarder on one thread (NIO, direct buffers,
 * so it adds no heap per unit) from a local port to each broker port. {@link #cut()} closes every connection and
 * stops listening (a new connect is refused, as with a network outage); {@link #restore()} listens again. The
 * brokers and the ingest never notice.
 */
final class OutageProxy implements AutoCloseable {

    private static final int BUFFER = 8192;

    /** One direction's end: bytes read from the peer wait in {@code toWrite} until this channel takes them. */
    private static final class Side {
        final SocketChannel channel;
        final ByteBuffer toWrite = ByteBuffer.allocateDirect(BUFFER);
        Side peer;
        SelectionKey key;

        Side(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final Map<Integer, Integer> routes = new LinkedHashMap<>();
    private final Selector selector;
    private final Thread thread;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final Set<Side> sides = new HashSet<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** A proxy port for each of {@code targetPorts} (on 127.0.0.1), listening at once. */
    OutageProxy(List<Integer> targetPorts) throws IOException {
        for (int target : targetPorts) {
            routes.put(MosquittoBroker.freePort(), target);
        }
        selector = Selector.open();
        listen();
        thread = new Thread(this::run, "outage-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    /** The proxy's URL in front of broker port {@code targetPort}. */
    String url(int targetPort) {
        return routes.entrySet().stream().filter(e -> e.getValue() == targetPort).findFirst()
                .map(e -> "tcp://127.0.0.1:" + e.getKey()).orElseThrow();
    }

    /** Closes every forwarded connection and stops listening. */
    void cut() {
        onLoop(() -> {
            for (ServerSocketChannel s : servers) {
                closeQuietly(s);
            }
            servers.clear();
            for (Side s : List.copyOf(sides)) {
                closeQuietly(s.channel);
            }
            sides.clear();
            try {
                // a channel registered with a selector releases its socket only at the next selection: now,
                // so that a connect after cut() returns is refused (CI saw one accepted)
                selector.selectNow();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Listens again on the same ports. */
    void restore() {
        onLoop(() -> {
            try {
                listen();
            } catch (IOException e) {
                throw new IllegalStateException("proxy cannot listen again: " + e, e);
            }
        });
    }

    private void listen() throws IOException {
        for (Map.Entry<Integer, Integer> route : routes.entrySet()) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress("127.0.0.1", route.getKey()), 4096);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, route.getValue());
            servers.add(server);
        }
    }

    private void onLoop(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("proxy: " + e, e);
        }
    }

    private void run() {
        while (!closed) {
            try {
                selector.select(1000);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    System.err.println("outage-proxy: " + e);
                }
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept((ServerSocketChannel) key.channel(), (Integer) key.attachment());
            return;
        }
        Side side = (Side) key.attachment();
        try {
            if (key.isReadable()) {
                forward(side);
            }
            if (key.isValid() && key.isWritable()) {
                flush(side);
            }
        } catch (IOException | java.nio.channels.CancelledKeyException e) {
            close(side);
        }
    }

    private void accept(ServerSocketChannel server, int targetPort) throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return;
        }
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open(new InetSocketAddress("127.0.0.1", targetPort));
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        Side a = new Side(client);
        Side b = new Side(upstream);
        a.peer = b;
        b.peer = a;
        for (Side s : List.of(a, b)) {
            s.channel.configureBlocking(false);
            s.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.key = s.channel.register(selector, SelectionKey.OP_READ, s);
            sides.add(s);
        }
    }

    /** Reads what {@code from} sent into its peer's buffer and passes it on; stops reading while the peer is full. */
    private void forward(Side from) throws IOException {
        Side to = from.peer;
        int n = from.channel.read(to.toWrite);
        if (n < 0) {
            close(from);
            return;
        }
        flush(to);
        if (!to.toWrite.hasRemaining()) {
            from.key.interestOps(from.key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    private void flush(Side to) throws IOException {
        to.toWrite.flip();
        to.channel.write(to.toWrite);
        to.toWrite.compact();
        if (to.toWrite.position() > 0) {
            to.key.interestOps(to.key.interestOps() | SelectionKey.OP_WRITE);
        } else {
            to.key.interestOps(to.key.interestOps() & ~SelectionKey.OP_WRITE);
            if (to.peer.key.isValid()) {
                to.peer.key.interestOps(to.peer.key.interestOps() | SelectionKey.OP_READ);
            }
        }
    }

    private void close(Side side) {
        for (Side s : List.of(side, side.peer)) {
            closeQuietly(s.channel);
            sides.remove(s);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws InterruptedException {
        cut();
        closed = true;
        selector.wakeup();
        thread.join(2000);
        closeQuietly(selector);
    }
}
