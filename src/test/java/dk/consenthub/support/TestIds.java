package dk.consenthub.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Customer ids and e-mail addresses no other test in this JVM has used, so tests sharing a hub never meet each
 * other's customers. Ids are numeric, as Gecko's are: eight digits from one range that stays clear of the sandbox's
 * customers and of the literal ids tests still name; never ten digits, which could read as a CPR number.
 */
public final class TestIds {

    private static final AtomicLong LAST = new AtomicLong(30_000_000);

    private TestIds() {
    }

    public static String customerId() {
        return String.valueOf(LAST.incrementAndGet());
    }

    /** {@code count} consecutive ids, for a test that needs a whole customer list. */
    public static List<String> customerIds(int count) {
        long first = LAST.getAndAdd(count) + 1;
        return LongStream.range(first, first + count).mapToObj(String::valueOf).toList();
    }

    /** An address at example.dk that starts with {@code name}, e.g. {@code mette.30000042@example.dk}. */
    public static String email(String name) {
        return name + "." + customerId() + "@example.dk";
    }
}
