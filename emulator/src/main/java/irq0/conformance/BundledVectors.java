package irq0.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The vector suites the emulator carries as resources, so that a build can be checked without
 * anything beside it: the project's own ({@code pit/}, {@code pic/}, {@code board/}, written from
 * the datasheets) and the external suite as published ({@code external/}, see its README). Read
 * in place, from the class folder or from inside the jar.
 */
public final class BundledVectors {
    /** Where the suites are on the class path. */
    public static final String RESOURCE = "/irq0/vectors";

    /** The project's own suites, by part. */
    public static final List<String> OWN = List.of("pit", "pic", "board");
    /** The external suite's folder. */
    public static final String EXTERNAL = "external";

    private BundledVectors() {
    }

    /** The folder holding the suites: a directory, or a folder inside the jar's file system. */
    public static synchronized Path root() throws IOException {
        URL url = BundledVectors.class.getResource(RESOURCE);
        if (url == null) {
            throw new IOException("the bundled vectors (" + RESOURCE + ") are not on the class path");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("the bundled vectors' location " + url + ": " + e.getMessage(), e);
        }
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        FileSystem jar;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(uri);
        }
        return jar.getPath(RESOURCE);
    }

    /** Every bundled suite folder: the project's own, then the external one. */
    public static List<Path> suites() throws IOException {
        Path root = root();
        return List.of(root.resolve(OWN.get(0)), root.resolve(OWN.get(1)), root.resolve(OWN.get(2)),
                root.resolve(EXTERNAL));
    }
}
