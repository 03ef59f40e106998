package io.streamsuite.metrics.alerts;

/**
 * One metric of one page: bad windows in a row and whether its alert is firing. A pure decision,
 * no Kafka types: {@link #next} says the new track and the transition, if any.
 *
 * @param badInARow        adjacent bad windows up to the last one seen
 * @param firing           whether the last transition was FIRING
 * @param lastWindowStart  start of the last window seen (for adjacency), or Long.MIN_VALUE
 */
public record AlertTrack(int badInARow, boolean firing, long lastWindowStart) {

    public static final AlertTrack NEW = new AlertTrack(0, false, Long.MIN_VALUE);

    public enum Transition { NONE, FIRING, RECOVERED }

    public record Step(AlertTrack track, Transition transition) {
    }

    /**
     * @param evidence false when the window had too few views to judge: the run of bad windows ends,
     *                 the alert state stays
     */
    public Step next(long windowStart, long windowSize, boolean evidence, boolean bad, int consecutive) {
        if (!evidence) {
            return new Step(new AlertTrack(0, firing, windowStart), Transition.NONE);
        }
        if (!bad) {
            return new Step(new AlertTrack(0, false, windowStart), firing ? Transition.RECOVERED : Transition.NONE);
        }
        boolean adjacent = lastWindowStart != Long.MIN_VALUE && lastWindowStart + windowSize == windowStart;
        int run = adjacent ? badInARow + 1 : 1;
        boolean fires = !firing && run >= consecutive;
        return new Step(new AlertTrack(run, firing || fires, windowStart), fires ? Transition.FIRING : Transition.NONE);
    }
}
