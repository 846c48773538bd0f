package org.staffcard.authenticator.revocation;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The serial numbers of one CRL, kept as numbers in sorted arrays: those that fit a signed 64-bit value in a
 * {@code long[]} (8 bytes each), the rest, up to the 20 octets RFC 5280 allows, as sorted {@link BigInteger}s.
 * A million entries take about 8 MB and a lookup is a binary search.
 *
 * <p>Serials are compared as numbers, never as text or raw bytes: {@code 00 20 AB} and {@code 20 AB} are the same
 * serial, and a dropped or added zero byte in someone's printout cannot make a revoked card look good.
 */
final class RevokedSerials {

    private final long[] small;
    private final BigInteger[] large;

    private RevokedSerials(long[] small, BigInteger[] large) {
        this.small = small;
        this.large = large;
    }

    boolean contains(BigInteger serial) {
        if (serial.bitLength() <= 63) {
            return Arrays.binarySearch(small, serial.longValue()) >= 0;
        }
        return Arrays.binarySearch(large, serial) >= 0;
    }

    int size() {
        return small.length + large.length;
    }

    /** Bytes held by the arrays and the large numbers, for the benchmark's memory report. */
    long approximateBytes() {
        long bytes = 16L + 8L * small.length + 16L + 4L * large.length;
        for (BigInteger serial : large) {
            bytes += 40 + serial.bitLength() / 8;
        }
        return bytes;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects serials as they are read from the CRL, then sorts once. */
    static final class Builder {

        private long[] small = new long[1024];
        private int smallCount;
        private BigInteger[] large = new BigInteger[16];
        private int largeCount;

        /**
         * Adds the content octets of a DER INTEGER. Redundant leading sign octets, which strict DER forbids but some
         * CAs write, are read for the number they spell rather than refused, so a revocation is never missed over
         * an encoding detail.
         */
        void addTwosComplement(byte[] der, int from, int to) throws MalformedCrlException {
            if (to <= from) {
                throw new MalformedCrlException("a revoked certificate entry has an empty serial number");
            }
            int start = from;
            while (to - start > 1 && isRedundantSignOctet(der, start)) {
                start++;
            }

            int length = to - start;
            if (length <= 8) {
                long value = der[start];
                for (int i = start + 1; i < to; i++) {
                    value = (value << 8) | (der[i] & 0xFF);
                }
                addSmall(value);
            } else {
                addLarge(new BigInteger(Arrays.copyOfRange(der, start, to)));
            }
        }

        void add(BigInteger serial) {
            if (serial.bitLength() <= 63) {
                addSmall(serial.longValue());
            } else {
                addLarge(serial);
            }
        }

        RevokedSerials build() {
            long[] sortedSmall = Arrays.copyOf(small, smallCount);
            Arrays.sort(sortedSmall);
            BigInteger[] sortedLarge = Arrays.copyOf(large, largeCount);
            Arrays.sort(sortedLarge);
            return new RevokedSerials(sortedSmall, sortedLarge);
        }

        private static boolean isRedundantSignOctet(byte[] der, int at) {
            boolean nextHighBit = (der[at + 1] & 0x80) != 0;
            return (der[at] == 0 && !nextHighBit) || (der[at] == (byte) 0xFF && nextHighBit);
        }

        private void addSmall(long value) {
            if (smallCount == small.length) {
                small = Arrays.copyOf(small, small.length * 2);
            }
            small[smallCount++] = value;
        }

        private void addLarge(BigInteger value) {
            if (largeCount == large.length) {
                large = Arrays.copyOf(large, large.length * 2);
            }
            large[largeCount++] = value;
        }
    }
}
