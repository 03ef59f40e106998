/**
 * Reference-data lookups: {@link io.streamsuite.kit.lookup.GlobalLookup}, a global table read by key from any processor;
 * {@link io.streamsuite.kit.lookup.DecodedTable}, a global table read many times per record, kept decoded (or in a
 * derived form) beside its store; {@link io.streamsuite.kit.lookup.DecodedValues}, a store serde that decodes each
 * distinct value once.
 */
package io.streamsuite.kit.lookup;
