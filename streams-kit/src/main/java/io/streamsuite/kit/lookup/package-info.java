/** Reference-data lookups: {@link io.streamsuite.kit.lookup.GlobalLookup}, a global table read by key from any processor. */
package io.streamsuite.kit.lookup;
