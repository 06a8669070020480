package irq0.cpu.unicorn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A missing libunicorn gives one clear message naming the package, not a linker trace. The
 * library is bound once per JVM, so the absence is simulated in a child JVM whose
 * {@code irq0.unicorn.library} property names a library that does not exist.
 */
class MissingLibraryTest {
    private static String[] probe(String library) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = library == null
                ? List.of(java, "-cp", System.getProperty("java.class.path"), OpenProbe.class.getName())
                : List.of(java, "-cp", System.getProperty("java.class.path"), "-Dirq0.unicorn.library=" + library,
                        OpenProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(p.exitValue()), out};
    }

    @Test
    void shouldNameThePackageWhenTheLibraryIsMissing() throws Exception {
        String[] r = probe("libunicorn-irq0-missing.so.9");

        assertThat(r[0]).isEqualTo("69");
        assertThat(r[1]).isEqualTo("cannot load the Unicorn CPU emulator (libunicorn-irq0-missing.so.9): "
                + "install the Debian package libunicorn2, or run ./setup\n");
    }

    @Test
    void shouldOpenTheInstalledLibraryByItsSoname() throws Exception {
        String[] r = probe(null);

        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("opened Unicorn 2.");
    }
}
