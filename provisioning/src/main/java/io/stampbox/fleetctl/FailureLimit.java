package io.stampbox.fleetctl;

/**
 * {@code --max-failures}: a share of the units reached so far ({@code 10%}) or a number of units ({@code 3}). The
 * rollout pauses by itself when more units than that failed, reverted or refused the order.
 *
 * @param percent the share in percent, or -1 for a count
 * @param count the number of units, or -1 for a share
 */
record FailureLimit(double percent, long count) {

    /** @throws IllegalArgumentException naming the value when it is neither {@code N%} (0..100) nor a count >= 0 */
    static FailureLimit parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.endsWith("%")) {
                double p = Double.parseDouble(t.substring(0, t.length() - 1));
                if (p >= 0 && p <= 100) {
                    return new FailureLimit(p, -1);
                }
            } else if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() < 10) {
                return new FailureLimit(-1, Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--max-failures: must be a share such as 10% (0..100) or a number of"
                + " units such as 3, got \"" + t + "\"");
    }

    /** True when {@code failures} of {@code reached} units is more than this limit allows. */
    boolean exceeded(long failures, long reached) {
        if (count >= 0) {
            return failures > count;
        }
        return reached > 0 && failures * 100.0 > percent * reached;
    }

    @Override
    public String toString() {
        if (count >= 0) {
            return Long.toString(count);
        }
        return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
    }
}
