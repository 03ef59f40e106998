package io.streamsuite.iot.battery;

/**
 * LOW_BATTERY once when the charge falls under {@code lowBelow}; the device counts as low until the
 * charge is back above {@code recoveredAbove} (a new battery), so a charge hovering at the threshold
 * does not raise it again and again.
 */
public final class BatteryRule {

    /** What a reading does to a device's battery state. */
    public enum Transition { NONE, LOW, RECOVERED }

    private final double lowBelow;
    private final double recoveredAbove;

    public BatteryRule(double lowBelow, double recoveredAbove) {
        if (recoveredAbove < lowBelow) {
            throw new IllegalArgumentException("battery recovered-above must be at least low-below");
        }
        this.lowBelow = lowBelow;
        this.recoveredAbove = recoveredAbove;
    }

    /** A reading without a battery level changes nothing. */
    public Transition next(boolean low, Double battery) {
        if (battery == null) {
            return Transition.NONE;
        }
        if (!low && battery < lowBelow) {
            return Transition.LOW;
        }
        if (low && battery > recoveredAbove) {
            return Transition.RECOVERED;
        }
        return Transition.NONE;
    }

    public double lowBelow() {
        return lowBelow;
    }
}
