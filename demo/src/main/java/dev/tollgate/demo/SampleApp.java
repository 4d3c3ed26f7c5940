package dev.tollgate.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample webapp that stands for a customer's existing app: JSPs and a {@code web.xml}, no Tollgate code.
 * It ships inside the demo's jar (from {@code src/main/sample-app}) and is unpacked into a folder for Tomcat. So does
 * the second one, which signs its users in itself ({@code src/main/own-login-app}).
 */
final class SampleApp {

    private static final String ROOT = "/dev/tollgate/demo/sample-app";
    private static final String OWN_LOGIN_ROOT = "/dev/tollgate/demo/own-login-app";

    private SampleApp() {
    }

    /**
     * Replaces {@code target} with a fresh copy of the sample app, with the gate's jar dropped into its
     * {@code WEB-INF/lib} (the whole installation of Tollgate's gate), and returns it.
     */
    static Path unpackInto(Path target, Path gateJar) throws IOException {
        return unpack(ROOT, target, gateJar);
    }

    /** {@link #unpackInto} for the app that signs its users in itself. */
    static Path unpackOwnLoginAppInto(Path target, Path gateJar) throws IOException {
        return unpack(OWN_LOGIN_ROOT, target, gateJar);
    }

    private static Path unpack(String app, Path target, Path gateJar) throws IOException {
        deleteRecursively(target);
        URI root = rootUri(app);
        if (!"jar".equals(root.getScheme())) {
            copyTree(Path.of(root), target);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
                copyTree(jar.provider().getPath(root), target);
            } catch (FileSystemAlreadyExistsException e) {
                // Someone else opened the jar as a file system; read through theirs and leave it open.
                copyTree(Path.of(root), target);
            }
        }
        Path lib = Files.createDirectories(target.resolve("WEB-INF/lib"));
        Files.copy(gateJar, lib.resolve("payments-filter.jar"), StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static URI rootUri(String app) throws IOException {
        URL marker = SampleApp.class.getResource(app + "/WEB-INF/web.xml");
        if (marker == null) {
            throw new IOException("The sample app is missing from the class path (" + app + ")");
        }
        try {
            String text = marker.toURI().toString();
            return URI.create(text.substring(0, text.length() - "/WEB-INF/web.xml".length()));
        } catch (URISyntaxException e) {
            throw new IOException("Cannot read the sample app's location " + marker, e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(from -> {
                Path to = target.resolve(source.relativize(from).toString());
                try {
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
