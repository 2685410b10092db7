package dlnb.testing;

import dlnb.backend.NativeVariant;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Before any test touches ND4J, pick the native build this CPU can run (as the notebook kernel does). */
public class NativeVariantSession implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeVariant.selectForThisMachine();
    }
}
