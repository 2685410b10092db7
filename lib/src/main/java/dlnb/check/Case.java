package dlnb.check;

import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One input a check tries: what to call the input when talking to the student (e.g. "a batch of 1 [1, 10]"), the
 * call of the student's code on fresh copies of it, and the judge that says what is wrong with the result (null
 * when it is right).
 */
public record Case<T>(String label, Callable<T> call, Function<T, String> judge) {
}
