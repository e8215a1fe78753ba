import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The rig's arm stage (arm.sh): loads the package's native libraries on this architecture, one line
 * each (NATIVE name ok|FAIL detail), then times lz4 and xxhash (used by MapDB, the outbox) with the
 * fastest instance lz4-java finds here against its pure-Java one: on armhf lz4-java has no native and
 * the fastest instance is the Java one. Compiled by arm.sh against the package's jar.
 */
public final class NativeProbe {

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.println("ARCH " + System.getProperty("os.arch") + " java " + System.getProperty("java.version"));
        boolean ok = serial() & gpiod();
        ok &= lz4(iterations);
        System.exit(ok ? 0 : 1);
    }

    private static boolean serial() {
        try {
            Class<?> port = Class.forName("com.fazecast.jSerialComm.SerialPort");
            Object[] ports = (Object[]) port.getMethod("getCommPorts").invoke(null); // loads the native
            System.out.println("NATIVE jSerialComm ok " + port.getMethod("getVersion").invoke(null)
                    + " (" + ports.length + " ports listed)");
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("NATIVE jSerialComm FAIL " + cause(e));
            return false;
        }
    }

    /** Pi4J's gpiod JNI: the class's static initialiser loads libgpiod.so and libpi4j-gpiod.so; a call proves the symbols. */
    private static boolean gpiod() {
        try {
            Class<?> gpiod = Class.forName("com.pi4j.library.gpiod.internal.GpioD");
            Method open = gpiod.getDeclaredMethod("chipOpen", String.class);
            open.setAccessible(true);
            try {
                open.invoke(null, "/dev/gpiochip-none");
                System.out.println("NATIVE pi4j-gpiod ok (chipOpen returned)");
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof LinkageError) {
                    throw (LinkageError) e.getCause();
                }
                System.out.println("NATIVE pi4j-gpiod ok (chipOpen of a missing chip: " + e.getCause() + ")");
            }
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            System.out.println("NATIVE pi4j-gpiod FAIL " + cause(e));
            return false;
        }
    }

    private static boolean lz4(int iterations) {
        try {
            LZ4Factory fastest = LZ4Factory.fastestInstance();
            XXHashFactory xxFastest = XXHashFactory.fastestInstance();
            boolean nativeLz4 = fastest.toString().contains("JNI");
            System.out.println("NATIVE lz4 " + (nativeLz4 ? "ok" : "none") + " (fastest instance: " + fastest
                    + ", " + xxFastest + ")");
            byte[] event = ("{\"schema\":\"stampbox.scan.v1\",\"eventId\":\"0193a1b2-0000-7000-8000-000000000002\","
                    + "\"deviceId\":\"till-1\",\"storeId\":\"bakery-7\",\"seq\":1235,\"kind\":\"stamp\",\"cardId\":\"0042\","
                    + "\"code\":\"CARD-0042\",\"symbology\":null,\"scannedAt\":\"2026-11-22T12:00:05.000Z\","
                    + "\"clockSynced\":true,\"configVersion\":7}").getBytes(StandardCharsets.UTF_8);
            LZ4Factory java = LZ4Factory.fastestJavaInstance();
            XXHashFactory xxJava = XXHashFactory.fastestJavaInstance();
            for (boolean print : new boolean[] {false, true}) { // both warmed up (and compiled) first
                bench("fastest", fastest, xxFastest, event, iterations, print);
                bench("java", java, xxJava, event, iterations, print);
            }
            return true;
        } catch (LinkageError e) {
            System.out.println("NATIVE lz4 FAIL " + cause(e));
            return false;
        }
    }

    /** Times {@code n} events (after a quarter of them as a warm-up); prints the time per event when asked. */
    private static void bench(String name, LZ4Factory factory, XXHashFactory xx, byte[] data, int n, boolean print) {
        LZ4Compressor compressor = factory.fastCompressor();
        LZ4FastDecompressor decompressor = factory.fastDecompressor();
        XXHash64 hash = xx.hash64();
        long sink = 0;
        long[] nanos = new long[2];
        for (int round = 0; round < 2; round++) {
            int count = round == 0 ? n / 4 : n;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                byte[] c = compressor.compress(data);
                sink += decompressor.decompress(c, data.length)[i % data.length];
            }
            long middle = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sink += hash.hash(data, 0, data.length, i);
            }
            nanos[0] = middle - start;
            nanos[1] = System.nanoTime() - middle;
        }
        if (!print) {
            return;
        }
        System.out.printf("LZ4 %s (%s) compress+decompress %.2f us/event, xxhash64 %.2f us/event (%d events of %d bytes)%s%n",
                name, factory, nanos[0] / 1000.0 / n, nanos[1] / 1000.0 / n, n, data.length, sink == 42 ? " " : "");
    }

    private static String cause(Throwable e) {
        Throwable t = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
