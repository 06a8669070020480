package irq0.conformance;

import java.nio.file.Path;

/**
 * How one vector file went: passed, failed at a step (line, step text, expected, answered), or
 * could not be run (a format error, whose message already names file:line).
 */
public record VectorResult(Path file, boolean passed, int line, String step, String expected, String actual,
        String error) {

    static VectorResult pass(Path file) {
        return new VectorResult(file, true, 0, null, null, null, null);
    }

    static VectorResult fail(Path file, Step step, String expected, String actual) {
        return new VectorResult(file, false, step.line(), step.text(), expected, actual, null);
    }

    static VectorResult error(Path file, String message) {
        return new VectorResult(file, false, 0, null, null, null, message);
    }

    /** One line for a person: "file:line: step: expected X, part answered Y", or the format error. */
    public String describe() {
        if (passed) {
            return file + ": passed";
        }
        if (error != null) {
            return error;
        }
        return file + ":" + line + ": '" + step + "': expected " + expected + ", the part answered " + actual;
    }
}
