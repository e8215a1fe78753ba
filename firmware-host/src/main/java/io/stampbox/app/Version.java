package io.stampbox.app;

import io.stampbox.update.InstalledVersion;

/**
 * The unit's software version: the installed {@code stampbox} package's (dpkg's status) when run from the
 * package, so that an update that changes only the package version shows; else the jar's manifest ("dev"
 * when run from classes).
 */
public final class Version {

    static final String PACKAGED_JAR = "/usr/share/stampbox/stampbox-host.jar";

    private Version() {}

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        String jar = v == null ? "dev" : v;
        return packaged() ? InstalledVersion.read(InstalledVersion.DPKG, jar) : jar;
    }

    private static boolean packaged() {
        try {
            var source = Version.class.getProtectionDomain().getCodeSource();
            return source != null && source.getLocation().getPath().equals(PACKAGED_JAR);
        } catch (SecurityException e) {
            return false;
        }
    }
}
