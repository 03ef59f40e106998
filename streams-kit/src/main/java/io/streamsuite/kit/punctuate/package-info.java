/**
 * Wall-clock punctuation over an index rather than a store scan: {@link io.streamsuite.kit.punctuate.DueIndex}
 * files keys by the time they fall due, so a punctuator reads only the keys that may be due.
 */
package io.streamsuite.kit.punctuate;
