package irq0.kernel;

/**
 * A function in the modelled address space that the kernel calls through a pointer: a task
 * queue routine {@code void (*)(void *)} or a timer function {@code void (*)(unsigned long)};
 * {@code data} is the 32-bit argument.
 */
@FunctionalInterface
public interface KernelFunction {
    void call(int data);
}
