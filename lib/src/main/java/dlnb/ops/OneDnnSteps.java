package dlnb.ops;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

/** oneDNN primitives with their arguments, built once and run in order on one stream, as often as needed. */
final class OneDnnSteps {
    private final stream stream;
    private final List<primitive> primitives = new ArrayList<>();
    private final List<IntMemoryMap> arguments = new ArrayList<>();

    OneDnnSteps(stream stream) {
        this.stream = stream;
    }

    void add(primitive p, IntMemoryMap args) {
        primitives.add(p);
        arguments.add(args);
    }

    /** {@code from} itself when it already has layout {@code to}, else new memory that a reorder step fills from it. */
    memory inLayout(memory from, memory.desc to) {
        if (from.get_desc().equals(to)) return from;
        memory converted = OneDnn.owned(to);
        copy(from, converted);
        return converted;
    }

    /** A step that copies {@code from} into {@code to}, converting between their layouts. */
    void copy(memory from, memory to) {
        add(new reorder(from, to), OneDnn.args(DNNL_ARG_FROM, from, DNNL_ARG_TO, to));
    }

    void run() {
        for (int i = 0; i < primitives.size(); i++) primitives.get(i).execute(stream, arguments.get(i));
        stream._wait();
    }
}
