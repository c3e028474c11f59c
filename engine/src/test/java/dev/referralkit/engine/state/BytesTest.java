package dev.referralkit.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The binary primitives: their bytes, read back, and lengths that do not fit refused as bad input. */
class BytesTest {
    @Test
    void the_writer_writes_the_documented_bytes_and_the_reader_reads_them_back() {
        byte[] b = new Bytes.Writer().u8(0x1FF).i32(-2).i64(1L << 40).var(-3).var(300).text("é")
                .currency(Currency.getInstance("EUR")).decimal(new BigDecimal("-12.50")).blob(new byte[] {7, 8}).bytes();
        // u8 keeps the low byte; var is zig-zag, 7 bits a byte, low first; text and blob are a var length and the bytes
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("ff" + "fffffffe" + "0000010000000000" + "05" + "d804" + "04c3a9"
                + "455552" + "04fb1e" + "04" + "040708");
        Bytes.Reader r = new Bytes.Reader(b, 0);
        assertThat(r.u8()).isEqualTo(0xFF);
        assertThat(r.i32()).isEqualTo(-2);
        assertThat(r.i64()).isEqualTo(1L << 40);
        assertThat(r.var()).isEqualTo(-3);
        assertThat(r.varInt()).isEqualTo(300);
        assertThat(r.text()).isEqualTo("é");
        assertThat(r.currency()).isEqualTo(Currency.getInstance("EUR"));
        assertThat(r.decimal()).isEqualTo(new BigDecimal("-12.50"));
        assertThat(r.position()).isEqualTo(b.length - 3);
        assertThat(r.blob()).containsExactly(7, 8);
        assertThat(r.atEnd()).isTrue();
        r.end();
    }

    @Test
    void a_length_past_the_end_is_refused_even_where_position_plus_length_overflows() {
        // a blob of Integer.MAX_VALUE bytes claimed after one byte: the bound must not overflow to pass
        byte[] huge = new Bytes.Writer().u8(1).var(Integer.MAX_VALUE).bytes();
        Bytes.Reader r = new Bytes.Reader(huge, 0);
        r.u8();
        assertThatThrownBy(r::blob).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("truncated record: needs 2147483647 more bytes at 6 of 6");
        byte[] longLength = new Bytes.Writer().var(1L << 32).bytes();
        assertThatThrownBy(() -> new Bytes.Reader(longLength, 0).blob()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variable-length integer 4294967296 before 5 is not an int");
    }
}
