package dev.sluice.stack;

import de.bwaldvogel.mongo.bson.Decimal128;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact, deterministic total order over the Java numbers a MongoDB document holds ({@link Integer},
 * {@link Long}, {@link Double}, {@link Decimal128}; any other {@link Number} too), for B-tree keys.
 *
 * <p>Semantics: numbers are ordered by mathematical value, with -Infinity first, then the finite
 * values, +Infinity, and NaN last; equal values of different types are ordered Integer &lt; Long &lt;
 * Double &lt; Decimal128 &lt; others (by class name); two values of one type compare as that type's
 * {@code equals} does: {@code -0.0} before {@code 0.0} (as {@link Double#compare}), Decimal128s of one
 * value but different representations ({@code 1.0}, {@code 1.00}) by their bits. So {@code compare}
 * returns 0 exactly when the two numbers are of one type and {@code equals}: the order never merges
 * {@code 1} and {@code 1.0} (the library's index keys are normalised to Double before they get here,
 * which is what makes {@code _id: 1} and {@code _id: 1.0} one key). Unlike mongo-java-server's
 * {@code ValueComparator}, a Long and a Double are never compared through {@code longValue()}, so
 * {@code 5L} and {@code 5.5} differ, and the order is transitive.
 */
final class NumberOrder {
    private static final int NEGATIVE_INFINITY = 0;
    private static final int FINITE = 1;
    private static final int POSITIVE_INFINITY = 2;
    private static final int NAN = 3;

    // IEEE 754-2008 decimal128, binary integer decimal encoding, as Decimal128 stores it.
    private static final long DECIMAL_INFINITY_MASK = 0x7800000000000000L;
    private static final long DECIMAL_NAN_MASK = 0x7c00000000000000L;

    private NumberOrder() {
    }

    /** Compares two non-null numbers; see the class comment. */
    static int compare(Number a, Number b) {
        if (a instanceof Double && b instanceof Double) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        boolean aIntegral = a instanceof Integer || a instanceof Long;
        boolean bIntegral = b instanceof Integer || b instanceof Long;
        if (aIntegral && bIntegral) {
            int byValue = Long.compare(a.longValue(), b.longValue());
            return byValue != 0 ? byValue : Integer.compare(typeRank(a), typeRank(b));
        }
        int categoryA = category(a);
        int categoryB = category(b);
        if (categoryA != categoryB) {
            return Integer.compare(categoryA, categoryB);
        }
        if (categoryA == FINITE) {
            int byValue = exactValue(a).compareTo(exactValue(b));
            if (byValue != 0) {
                return byValue;
            }
        }
        int byType = Integer.compare(typeRank(a), typeRank(b));
        return byType != 0 ? byType : sameTypeTieBreak(a, b);
    }

    private static int typeRank(Number n) {
        if (n instanceof Integer) {
            return 0;
        } else if (n instanceof Long) {
            return 1;
        } else if (n instanceof Double) {
            return 2;
        } else if (n instanceof Decimal128) {
            return 3;
        }
        return 4;
    }

    private static int category(Number n) {
        if (n instanceof Decimal128) {
            long high = ((Decimal128) n).getHigh();
            if ((high & DECIMAL_NAN_MASK) == DECIMAL_NAN_MASK) {
                return NAN;
            } else if ((high & DECIMAL_INFINITY_MASK) == DECIMAL_INFINITY_MASK) {
                return high < 0 ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
            }
            return FINITE;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return NAN;
            } else if (Double.isInfinite(d)) {
                return d < 0 ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
            }
        }
        return FINITE;
    }

    /** The exact value of a finite number (a Double's full binary expansion, not its shortest decimal). */
    private static BigDecimal exactValue(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.doubleValue());
        } else if (n instanceof Decimal128) {
            return ((Decimal128) n).toBigDecimal();
        } else if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        } else if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        return BigDecimal.valueOf(n.longValue());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int sameTypeTieBreak(Number a, Number b) {
        if (a instanceof Double) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (a instanceof Decimal128) {
            Decimal128 x = (Decimal128) a;
            Decimal128 y = (Decimal128) b;
            int byHigh = Long.compare(x.getHigh(), y.getHigh());
            return byHigh != 0 ? byHigh : Long.compare(x.getLow(), y.getLow());
        }
        if (a instanceof Integer || a instanceof Long) {
            return 0;
        }
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        if (byClass != 0) {
            return byClass;
        }
        if (a instanceof Comparable) {
            int byCompareTo = ((Comparable) a).compareTo(b);
            if (byCompareTo != 0) {
                return byCompareTo;
            }
        }
        return a.toString().compareTo(b.toString());
    }
}
