package irq0.kernel.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import irq0.kernel.KernelVersion;
import irq0.kernel.mm.KernelMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where insmod puts a module's static data: gcc's i386 back end aligns a static aggregate of 256
 * bits or more to 32 bytes (ix86_data_alignment) and anything smaller to its own alignment, which
 * is 4 for the ints, pointers and structs of them a module here holds; modutils' obj_load_size
 * keeps the section's alignment, and vmalloc gives the module a page of its own to start in.
 */
class ModuleLayoutTest {

    /** Two functions of 0x10 after struct module (0x48, rounded to 0x50): the data starts at 0x70. */
    private static ModuleLayout afterTwoFunctions() {
        ModuleLayout image = new ModuleLayout(KernelVersion.V2_2);
        image.function("init_module", 0x10);
        image.function("cleanup_module", 0x10);
        return image;
    }

    @ParameterizedTest(name = "after a static int, {0} bytes go at 0x{1}")
    @CsvSource({
        // size, offset (hex): 0x74 is where a 4-aligned object goes after the int at 0x70
        "4,  74",
        "16, 74",   // one struct tq_struct (2.2): 128 bits, its own alignment only
        "20, 74",   // one struct tq_struct (2.4)
        "31, 74",
        "32, 80",   // 256 bits: the next 32-byte boundary
        "80, 80",   // sched.c's my_buffer
        "4096, 80", // 256 tq_structs
    })
    void shouldAlignAStaticAggregateOf32BytesOrMoreTo32(int size, String offset) {
        ModuleLayout image = afterTwoFunctions();
        assertThat(image.variable("count").offset()).isEqualTo(0x70);
        assertThat(image.data("object", size)).isEqualTo(Integer.parseInt(offset, 16));
    }

    @Test
    void shouldTakeAUserAlignmentAsItIs() {
        ModuleLayout image = afterTwoFunctions();
        image.variable("count");
        assertThat(image.data("pad", 0x100, 4)).as("__attribute__((aligned(4)))").isEqualTo(0x74);
        assertThat(image.data("line", 4, 64)).as("__attribute__((aligned(64)))").isEqualTo(0x180);
        assertThat(image.size()).isEqualTo(0x184);
    }

    @Test
    void shouldRefuseAnAlignmentThatIsNoPowerOfTwo() {
        ModuleLayout image = afterTwoFunctions();
        assertThatThrownBy(() -> image.data("odd", 8, 12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("module layout: odd needs a power-of-two alignment >= 4: 12");
    }

    /**
     * The consequence the benchmarks rely on: whatever comes before it, no element of a static
     * array of 2.2's 16-byte tq_structs crosses a page, as in a real module. Exhaustive over the
     * ints declared before the array and the array's length.
     */
    @Test
    void shouldPutNoTqStructOfAStaticArrayAcrossAPage() {
        for (int ints = 0; ints <= 40; ints++) {
            for (int tasks = 2; tasks <= 600; tasks++) {
                ModuleLayout image = afterTwoFunctions();
                for (int i = 0; i < ints; i++) {
                    image.variable("v" + i);
                }
                int array = image.data("Tasks", tasks * 16);
                for (int t = 0; t < tasks; t++) {
                    int first = array + t * 16;
                    assertThat((first + 15) / KernelMemory.PAGE_SIZE).as("task %d after %d ints", t, ints)
                            .isEqualTo(first / KernelMemory.PAGE_SIZE);
                }
            }
        }
    }
}
