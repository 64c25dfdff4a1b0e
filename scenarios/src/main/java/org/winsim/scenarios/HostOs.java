package org.winsim.scenarios;

import java.util.List;
import org.winsim.realbackend.OsWin32;
import org.winsim.realbackend.RealWin32;
import org.winsim.scenarios.script.DivergenceRule;

/** The host's own sockets (the C library on Linux, ws2_32 on Windows), each program a {@link RealWin32}. */
public final class HostOs implements RealOs {
    private final String os = RealWin32.forThisOs().osName();

    @Override
    public String backend() {
        return "real " + os;
    }

    @Override
    public String profile() {
        return os;
    }

    @Override
    public OsWin32 newProcess() {
        return RealWin32.forThisOs();
    }

    /** None: where the model and the host differ, the model is wrong or the difference is in docs/divergences.md. */
    @Override
    public List<DivergenceRule> divergences() {
        return List.of();
    }

    @Override
    public void close() {
        // nothing outlives the programs
    }
}
