package org.winsim.scenarios;

import java.util.List;
import java.util.Optional;
import org.winsim.scenarios.lecture.AsyncSelectEcho;
import org.winsim.scenarios.lecture.BlockingEcho;
import org.winsim.scenarios.lecture.EventSelectEcho;
import org.winsim.scenarios.lecture.IocpEcho;
import org.winsim.scenarios.lecture.KIocpEcho;
import org.winsim.scenarios.lecture.CompletionRoutineEcho;
import org.winsim.scenarios.lecture.NonBlockingPoll;
import org.winsim.scenarios.lecture.OverlappedEventEcho;
import org.winsim.scenarios.lecture.ReaderCompute;
import org.winsim.scenarios.lecture.SelectEcho;

/** Every scenario winsim knows, in the order the lecture introduces them. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(new BlockingEcho(), new ReaderCompute(), new NonBlockingPoll(),
            new SelectEcho(), new AsyncSelectEcho(), new EventSelectEcho(),
            // overlapped I/O (issue 12)
            OverlappedEventEcho.withAccept(), OverlappedEventEcho.withAcceptEx(), new CompletionRoutineEcho(),
            // completion ports (issue 13)
            IocpEcho.withAccept(), IocpEcho.withAcceptEx(), new KIocpEcho());

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
