package irq0.cli;

import irq0.kernel.Kernel;
import irq0.kernel.KernelVersion;
import picocli.CommandLine.Option;

/**
 * The kernel model's options of {@code irq0 boot}, applied to the {@link Kernel.Config} the boot
 * builds, whichever CPU runs it.
 */
public final class KernelOptions {
    @Option(names = "--printk-time",
            description = "stamp each kernel log line with its virtual time, \"[    0.030001] \" (2.6's CONFIG_PRINTK_TIME; 2.2 printed none)")
    boolean printkTime;

    @Option(names = "--jiffies", paramLabel = "START", converter = JiffiesConverter.class,
            description = "jiffies at boot, 0-4294967295 or 0x hex (2.2 starts at 0; near 2^32 the counter wraps during the run, "
                    + "as 2.6's INITIAL_JIFFIES makes it do on purpose). Default: 0")
    int jiffies;

    @Option(names = "--kernel", paramLabel = "2.2|2.4", converter = VersionConverter.class, defaultValue = "2.2",
            description = "the kernel release the model follows: 2.2 (2.2.8) or 2.4 (2.4.22). Default: ${DEFAULT-VALUE}")
    KernelVersion kernel = KernelVersion.V2_2;

    /** Sets what these options say on {@code config}. */
    public Kernel.Config applyTo(Kernel.Config config) {
        return config.version(kernel).printkTime(printkTime).initialJiffies(jiffies);
    }

    /** "2.2" or "2.4". */
    static final class VersionConverter implements picocli.CommandLine.ITypeConverter<KernelVersion> {
        @Override
        public KernelVersion convert(String value) {
            KernelVersion v = KernelVersion.named(value);
            if (v == null) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a kernel release this model follows (2.2 or 2.4)");
            }
            return v;
        }
    }

    /** An unsigned 32-bit value, decimal or 0x hex: jiffies is an unsigned long on i386. */
    static final class JiffiesConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long v;
            try {
                v = value.startsWith("0x") || value.startsWith("0X")
                        ? Long.parseLong(value.substring(2), 16)
                        : Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a number (0-4294967295 or 0x hex)");
            }
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is out of range (0-4294967295)");
            }
            return (int) v;
        }
    }
}
