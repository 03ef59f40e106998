package io.streamsuite.iot.sites;

import io.streamsuite.schemas.iot.SensorType;

/**
 * Keys of the site stores: {@code site/sensorType} for site windows and {@code site/deviceId} for
 * the devices of a site, so all of a site's devices are one key range.
 */
public final class SiteKeys {

    private SiteKeys() {
    }

    public static String of(String site, SensorType type) {
        return site + "/" + type;
    }

    public static String device(String site, String deviceId) {
        return site + "/" + deviceId;
    }

    /** The inclusive key range of one site's devices: '0' is the character after '/'. */
    public static String firstOf(String site) {
        return site + "/";
    }

    public static String lastOf(String site) {
        return site + "0";
    }

    public static String site(String key) {
        return key.substring(0, key.lastIndexOf('/'));
    }

    public static SensorType sensorType(String key) {
        try {
            return SensorType.valueOf(key.substring(key.lastIndexOf('/') + 1));
        } catch (IllegalArgumentException e) {
            return SensorType.UNKNOWN;
        }
    }
}
