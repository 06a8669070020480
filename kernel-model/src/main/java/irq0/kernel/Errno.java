package irq0.kernel;

/** The errno values the model returns, with glibc's strerror text. */
public final class Errno {
    public static final int ENOENT = 2;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;

    private Errno() {
    }

    public static String strerror(int errno) {
        switch (Math.abs(errno)) {
            case ENOENT: return "No such file or directory";
            case ENOMEM: return "Cannot allocate memory";
            case EBUSY: return "Device or resource busy";
            case EEXIST: return "File exists";
            case EINVAL: return "Invalid argument";
            default: return "Unknown error " + Math.abs(errno);
        }
    }
}
