package io.stampbox.wire;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER to wrap the traditional OpenSSL key formats (PKCS#1 RSA, SEC1 EC) into the PKCS#8
 * structure that Java's key factories read.
 */
final class Der {

    private static final byte SEQUENCE = 0x30;
    private static final byte INTEGER = 0x02;
    private static final byte OCTET_STRING = 0x04;
    private static final byte NULL = 0x05;
    private static final byte OID = 0x06;
    private static final byte CONTEXT_0 = (byte) 0xA0;

    /** 1.2.840.113549.1.1.1 rsaEncryption */
    private static final byte[] RSA_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    /** 1.2.840.10045.2.1 id-ecPublicKey */
    private static final byte[] EC_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Der() {}

    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        byte[] algorithm = tlv(SEQUENCE, concat(tlv(OID, RSA_OID), tlv(NULL, new byte[0])));
        return pkcs8(algorithm, pkcs1);
    }

    /** SEC1 {@code ECPrivateKey}: SEQUENCE { INTEGER 1, OCTET STRING key, [0] curve OID, [1] public key }. */
    static byte[] pkcs8FromSec1(byte[] sec1) {
        byte[] curve = curveOid(sec1);
        byte[] algorithm = tlv(SEQUENCE, concat(tlv(OID, EC_OID), tlv(OID, curve)));
        return pkcs8(algorithm, sec1);
    }

    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        byte[] version = tlv(INTEGER, new byte[] {0});
        return tlv(SEQUENCE, concat(version, algorithm, tlv(OCTET_STRING, key)));
    }

    private static byte[] curveOid(byte[] sec1) {
        Reader outer = new Reader(sec1, 0);
        Reader inner = new Reader(sec1, outer.expect(SEQUENCE));
        inner.skip();                      // version
        inner.skip();                      // private key
        if (inner.done() || sec1[inner.pos] != CONTEXT_0) {
            throw new IllegalArgumentException("EC PRIVATE KEY without curve parameters");
        }
        Reader params = new Reader(sec1, inner.expect(CONTEXT_0));
        int oidStart = params.expect(OID);
        return Arrays.copyOfRange(sec1, oidStart, oidStart + params.lastLength);
    }

    static byte[] tlv(byte tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Walks TLVs from {@code pos}; {@link #expect} returns where the value starts. */
    private static final class Reader {
        private final byte[] der;
        private int pos;
        private int end;
        private int lastLength;

        Reader(byte[] der, int pos) {
            this.der = der;
            this.pos = pos;
            this.end = der.length;
        }

        int expect(byte tag) {
            if (pos >= der.length || der[pos] != tag) {
                throw new IllegalArgumentException("malformed DER: expected tag " + (tag & 0xFF) + " at " + pos);
            }
            int start = header();
            end = Math.min(end, start + lastLength);
            pos = start;
            return start;
        }

        void skip() {
            int start = header();
            pos = start + lastLength;
        }

        boolean done() {
            return pos >= end;
        }

        private int header() {
            int p = pos + 1;
            int first = der[p++] & 0xFF;
            int length = first;
            if (first >= 0x80) {
                length = 0;
                for (int i = 0; i < (first & 0x7F); i++) {
                    length = (length << 8) | (der[p++] & 0xFF);
                }
            }
            lastLength = length;
            return p;
        }
    }
}
