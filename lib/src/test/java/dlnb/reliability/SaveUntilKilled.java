package dlnb.reliability;

import dlnb.backend.NativeVariant;
import dlnb.model.Sequential;
import dlnb.nn.Dense;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Saves a model of about 8 MB to the given file, again and again, until it is killed (see {@link KilledSaveTest}). */
public final class SaveUntilKilled {
    /** Two million parameters, the same each time. */
    static Sequential model() {
        return new Sequential(new Dense(1000), new Dense(10)).seed(9).input(2000).build();
    }

    public static void main(String[] args) throws Exception {
        NativeVariant.selectForThisMachine();
        Path target = Paths.get(args[0]);
        Sequential big = model();
        System.out.println("saving " + big.paramCount() + " parameters to " + target);
        while (true) big.save(target);
    }
}
