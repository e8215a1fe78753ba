package io.stampbox.scan.profile;

import io.stampbox.testing.PtyPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays a GM65 on the module side of a pty: reads command frames, checks their CRC, records them and,
 * if {@code answering}, acknowledges each valid write as the module does. Runs on its own thread until the
 * pty goes away.
 */
final class ScriptedGm65 implements Runnable {

    /** A frame the module received: zone address, data, and whether its CRC was right. */
    record Command(int type, int address, List<Integer> data, boolean crcOk) {}

    private final InputStream in;
    private final OutputStream out;
    private final boolean answering;
    final List<Command> received = new CopyOnWriteArrayList<>();

    ScriptedGm65(PtyPair pty, boolean answering) throws IOException {
        this.in = pty.scannerInput();
        this.out = pty.scannerSide();
        this.answering = answering;
    }

    static ScriptedGm65 start(PtyPair pty, boolean answering) throws IOException {
        ScriptedGm65 module = new ScriptedGm65(pty, answering);
        Thread thread = new Thread(module, "scripted-gm65");
        thread.setDaemon(true);
        thread.start();
        return module;
    }

    void send(String code) throws IOException {
        out.write((code + "\r").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void run() {
        try {
            while (true) {
                Command command = readCommand();
                received.add(command);
                if (answering && command.crcOk() && command.type() == 0x08) {
                    out.write(Gm65Frames.ACK);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the pty went away: the module is unplugged
        }
    }

    private Command readCommand() throws IOException {
        int previous = -1;
        int b;
        while (!((b = next()) == 0x00 && previous == 0x7E)) {
            previous = b;
        }
        byte[] head = {(byte) next(), (byte) next(), (byte) next(), (byte) next()};
        int length = head[1] & 0xFF;
        List<Integer> data = new ArrayList<>();
        byte[] body = new byte[4 + length];
        System.arraycopy(head, 0, body, 0, 4);
        for (int i = 0; i < length; i++) {
            int value = next();
            data.add(value);
            body[4 + i] = (byte) value;
        }
        int crc = (next() << 8) | next();
        int address = ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        return new Command(head[0] & 0xFF, address, data, crc == Gm65Frames.crc16(body, 0, body.length));
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("pty closed");
        }
        return b;
    }
}
