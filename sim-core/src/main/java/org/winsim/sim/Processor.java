package org.winsim.sim;

/** One simulated processor: the thread it holds now and the thread it ran last (to charge context switches). */
final class Processor {
    final int index;
    SimThread holder;
    SimThread last;

    Processor(int index) {
        this.index = index;
    }
}
