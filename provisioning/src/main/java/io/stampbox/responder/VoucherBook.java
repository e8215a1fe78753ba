package io.stampbox.responder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference responder's vouchers: a text file with one voucher id a line ({@code #} starts a
 * comment). Each is redeemable once; what was used is kept in memory only (a restart makes every
 * voucher new again). Not thread-safe: the responder's one thread owns it.
 */
final class VoucherBook {

    /** What the backend answers. */
    record Decision(boolean accepted, String reason) {}

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Set<String> unused;
    private final Set<String> used = new HashSet<>();

    VoucherBook(Set<String> vouchers) {
        this.unused = new HashSet<>(vouchers);
    }

    /** @throws IllegalArgumentException naming the file and line of a bad entry */
    static VoucherBook load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!ID.matcher(line).matches()) {
                throw new IllegalArgumentException(file + " line " + (i + 1)
                        + ": a voucher id is 1 to 64 of A-Z a-z 0-9 _ -");
            }
            ids.add(line);
        }
        return new VoucherBook(ids);
    }

    int size() {
        return unused.size() + used.size();
    }

    Decision redeem(String voucherId) {
        if (unused.remove(voucherId)) {
            used.add(voucherId);
            return new Decision(true, "redeemed");
        }
        return new Decision(false, used.contains(voucherId) ? "already used" : "unknown voucher");
    }
}
