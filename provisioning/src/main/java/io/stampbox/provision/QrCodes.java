package io.stampbox.provision;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
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

    static void writePng(BitMatrix matrix, Path file) throws IOException {
        int size = matrix.getWidth() * PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = matrix.get(x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
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
