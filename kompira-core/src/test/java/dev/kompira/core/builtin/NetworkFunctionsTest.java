package dev.kompira.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code iprange(address)} of builtins.md §4 (D132). */
class NetworkFunctionsTest {

    private static Value call(Value address) {
        BuiltinFunction f = BuiltinFunctions.get("iprange");
        return f.call(f.signature().bind(Arguments.of(address)), null);
    }

    private static List<String> iprange(String address) {
        return ((ArrayValue) call(StringValue.of(address))).items().stream().map(Rendering::text).toList();
    }

    private static String failure(Value address) {
        JobflowError e = assertThrows(JobflowError.class, () -> call(address));
        assertEquals(ErrorCode.R_CALL_FAILED, e.code());
        return e.getMessage();
    }

    @Test
    void builtinsSpecExample() {
        assertEquals("192.168.10.4\n192.168.10.5\n192.168.10.6\n192.168.10.7",
                String.join("\n", iprange("192.168.10.5/30")));
    }

    @Test
    void singleAddresses() {
        assertEquals(List.of("10.0.0.1"), iprange("10.0.0.1"));
        assertEquals(List.of("10.0.0.1"), iprange("10.0.0.1/32"));
        assertEquals(List.of("2001:db8::1"), iprange("2001:DB8:0:0:0:0:0:1"));
        assertEquals(List.of("::"), iprange("::/128"));
    }

    @Test
    void wholeNetworkIsListedInOrder() {
        assertEquals(List.of("10.0.0.254", "10.0.0.255"), iprange("10.0.0.255/31"));
        List<String> sixteen = iprange("172.16.255.255/16");
        assertEquals(65_536, sixteen.size());
        assertEquals("172.16.0.0", sixteen.get(0));
        assertEquals("172.16.1.0", sixteen.get(256));
        assertEquals("172.16.255.255", sixteen.get(65_535));
        assertEquals(List.of("0.0.0.0", "0.0.0.1"), iprange("0.0.0.1/31"));
    }

    @Test
    void ipv6UsesCanonicalCompression() {
        assertEquals(List.of("2001:db8::", "2001:db8::1", "2001:db8::2", "2001:db8::3"), iprange("2001:db8::2/126"));
        assertEquals(List.of("1:0:0:2::3"), iprange("1:0:0:2:0:0:0:3"));
        assertEquals(List.of("1::2:0:0:3:4"), iprange("1:0:0:2:0:0:3:4"));
        assertEquals(List.of("1:0:1:1:1:1:1:1"), iprange("1:0:1:1:1:1:1:1"));
        assertEquals(List.of("::ffff:c0a8:a05"), iprange("::ffff:192.168.10.5"));
        assertEquals(List.of("fe80::"), iprange("fe80::/128"));
        assertEquals(65_536, iprange("fe80::abcd:1234/112").size());
    }

    @Test
    void tooLargeNetworksFail() {
        assertEquals("iprange: network too large", failure(StringValue.of("10.0.0.0/15")));
        assertEquals("iprange: network too large", failure(StringValue.of("2001:db8::/64")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "10.0.0.01", "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1",
        "10.0.0.1/2/3", " 10.0.0.1", "host.example", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:", "12345::", "::g", "::1/129", "1.2.3.4::", "fe80::1%eth0", "1:2:3:4:5:6:7::8", "１.2.3.4"})
    void malformedInputFails(String address) {
        assertEquals("iprange: invalid network '" + address + "'", failure(StringValue.of(address)));
    }

    @Test
    void addressMustBeAString() {
        assertEquals("iprange: address must be a String", failure(IntegerValue.of(1)));
    }
}
