package io.stampbox.provision;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A QR code as a PNG and as text for a terminal. */
final class QrCodes {

    private static final int QUIET_ZONE = 4;
    private static final int PIXELS_PER_MODULE = 8;

    private QrCodes() {}

    static BitMatrix encode(String text) throws WriterException {
        return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
    }

    /** The code alone. */
    static void writePng(BitMatrix matrix, Path file) throws IOException {
        writePng(matrix, List.of(), file);
    }

    /**
     * The code with caption lines under it (unit, store, expiry: what a person checks before scanning),
     * drawn in the JVM's monospaced font. Without a usable font (a headless JRE with no fonts installed) the
     * code is written alone and the caption is left out, which the returned false says.
     */
    static boolean writePng(BitMatrix matrix, List<String> caption, Path file) throws IOException {
        int size = matrix.getWidth() * PIXELS_PER_MODULE;
        int lineHeight = 2 * PIXELS_PER_MODULE + 4;
        boolean captioned = !caption.isEmpty();
        BufferedImage image = new BufferedImage(size, size + (captioned ? caption.size() * lineHeight + PIXELS_PER_MODULE
                * QUIET_ZONE / 2 : 0), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = y < size && matrix.get(x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        if (captioned) {
            captioned = caption(image, caption, size, lineHeight);
        }
        BufferedImage written = captioned || caption.isEmpty() ? image : image.getSubimage(0, 0, size, size);
        if (!ImageIO.write(written, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
        return captioned;
    }

    private static boolean caption(BufferedImage image, List<String> lines, int top, int lineHeight) {
        try {
            Graphics2D g = image.createGraphics();
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            int longest = lines.stream().mapToInt(String::length).max().orElse(1);
            float points = Math.min(lineHeight - 4, 1.6f * (image.getWidth() - 2 * PIXELS_PER_MODULE * QUIET_ZONE) / longest);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 1).deriveFont(points));
            int y = top;
            for (String line : lines) {
                y += lineHeight;
                g.drawString(line, PIXELS_PER_MODULE * QUIET_ZONE, y - 4);
            }
            g.dispose();
            return true;
        } catch (RuntimeException | Error e) { // no fonts: AWTError, InternalError from fontconfig
            return false;
        }
    }

    /**
     * Two rows per line with half blocks; light modules are drawn, so that on a dark terminal the code
     * shows dark on light, as a scanner expects.
     */
    static String terminal(BitMatrix matrix) {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y += 2) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                boolean top = !matrix.get(x, y);
                boolean bottom = y + 1 < matrix.getHeight() && !matrix.get(x, y + 1);
                text.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
