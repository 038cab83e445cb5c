package io.groundstation.network;

/**
 * A counter summed ({@code total}, weight 0), or a mean kept as the sum of mean × weight and the sum of weights
 * (the counts each mean was taken over), so means of several flushes and slices merge into their weighted mean.
 */
public record MeterTotal(double total, double weight) {

    public MeterTotal plus(MeterTotal other) {
        return new MeterTotal(total + other.total, weight + other.weight);
    }

    /** The weighted mean; null when nothing weighed in. */
    public Double mean() {
        return weight > 0 ? total / weight : null;
    }
}
