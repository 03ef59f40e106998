package io.streamsuite.iot.thresholds;

/**
 * A reading outside its device's registered [min, max] is a breach. Alerts are for transitions: one
 * when a breach starts, one when it clears, none for the readings in between.
 */
public final class ThresholdRule {

    /** What a reading does to a device's breach state. */
    public enum Transition { NONE, STARTED, CLEARED }

    public boolean outside(double value, double min, double max) {
        return value < min || value > max;
    }

    public Transition next(boolean inBreach, double value, double min, double max) {
        boolean outside = outside(value, min, max);
        if (outside == inBreach) {
            return Transition.NONE;
        }
        return outside ? Transition.STARTED : Transition.CLEARED;
    }

    /** The limit a value crossed: max when above, min when below. */
    public double crossed(double value, double min, double max) {
        return value > max ? max : min;
    }
}
