package dev.tollgate.demo;

import dev.tollgate.gate.EntitlementFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Finds the Tollgate gate's jar ({@code payments-filter}) on the demo's class path, so the sample app can carry
 * it in {@code WEB-INF/lib} exactly as a customer's app would. When the class path holds the module's classes
 * folder instead of its jar (some IDE and reactor runs), the folder is packed into a jar first: Tomcat reads
 * {@code web-fragment.xml} only from jars.
 */
final class GateJar {

    private GateJar() {
    }

    /** The gate's jar, packed into {@code workDir} if the class path only has its classes folder. */
    static Path locate(Path workDir) throws IOException {
        Path location;
        try {
            location = Path.of(EntitlementFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("Cannot tell where the Tollgate gate's classes come from", e);
        }
        return Files.isDirectory(location) ? pack(location, workDir.resolve("payments-filter.jar")) : location;
    }

    private static Path pack(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
