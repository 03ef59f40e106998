package io.streamsuite.kit.query;

import java.util.List;

/**
 * Items of one or more partitions in query order, at most a page; {@code more} when the copies read
 * held further items. {@code copy} says which copy answered.
 */
record Slice(List<Found> items, boolean more, AnsweringCopy copy) {
}
