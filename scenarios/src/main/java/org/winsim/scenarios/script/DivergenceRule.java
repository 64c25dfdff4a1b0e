package org.winsim.scenarios.script;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A known way a real OS answers a call differently from the OS the model's profile stands for, as a
 * rule a {@link Comparison} applies: a line whose results differ matches when its call (the statement
 * without {@code NAME =}; for {@code join NAME}, the call that {@code spawn NAME:} started) matches
 * {@code call}, the real side's result matches {@code real} and the simulator's matches
 * {@code simulated}, each as a whole. Results are written as the comparison shows them (after port
 * numbers become {@code *}); {@code PENDING}, {@code BLOCKED} and {@code not reached} are results too.
 * A consequence rule ({@link #after}) applies only after a line of the same script was explained by
 * one of the rules it names: the difference it explains follows from that one.
 *
 * @param id the rule's identifier, the row of its evidence in {@code docs/wine-divergences.md} ({@code W1})
 * @param title what the OS does differently, in one line
 * @param after the rules one of which must have explained an earlier line; empty for a rule that stands alone
 * @param evidence where that is shown: the facts (real Windows) and what the OS was seen to answer
 */
public record DivergenceRule(String id, String title, Pattern call, Pattern real, Pattern simulated, Set<String> after,
                             String evidence) {
    public DivergenceRule {
        after = Set.copyOf(after);
    }

    /** A rule from regular expressions: {@code call}, then the real side's result, then the simulator's. */
    public static DivergenceRule of(String id, String title, String call, String real, String simulated, String evidence) {
        return new DivergenceRule(id, title, Pattern.compile(call), Pattern.compile(real), Pattern.compile(simulated), Set.of(),
                evidence);
    }

    /** This rule as a consequence: it applies only after one of {@code ids} explained an earlier line of the script. */
    public DivergenceRule after(String... ids) {
        return new DivergenceRule(id, title, call, real, simulated, Set.of(ids), evidence);
    }

    /** Whether a line with this call and these (normalized) results is this divergence, given the rules that explained earlier lines. */
    public boolean matches(String callText, String realResult, String simulatedResult, Collection<String> explainedBefore) {
        return (after.isEmpty() || explainedBefore.stream().anyMatch(after::contains)) && call.matcher(callText).matches()
                && real.matcher(realResult).matches() && simulated.matcher(simulatedResult).matches();
    }

    /** The rule among {@code rules} that explains the line, or null. */
    static DivergenceRule explaining(List<DivergenceRule> rules, String callText, String realResult, String simulatedResult,
                                     Collection<String> explainedBefore) {
        for (DivergenceRule r : rules) {
            if (r.matches(callText, realResult, simulatedResult, explainedBefore)) {
                return r;
            }
        }
        return null;
    }
}
