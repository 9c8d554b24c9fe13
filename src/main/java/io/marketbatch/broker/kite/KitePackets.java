package io.marketbatch.broker.kite;

import io.marketbatch.market.Tick;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kite ticker's binary frames: an int16 packet count, then per packet an int16 length and
 * the body, big-endian. The length gives the mode: LTP 8 bytes, quote 44, full 184, index
 * quote 28, index full 32. Prices are int32 in the segment's unit ({@code token & 0xFF}:
 * CDS ÷10^7, BCD ÷10^4, else ÷100); the day's volume (offset 16) is read unsigned. Only
 * full packets carry times (epoch seconds): the last trade time (offset 44), else the
 * exchange timestamp (60; index full: 28), else the time the frame was read.
 */
final class KitePackets {

	private static final Logger log = LoggerFactory.getLogger(KitePackets.class);

	static final int LTP = 8;

	static final int INDEX_QUOTE = 28;

	static final int INDEX_FULL = 32;

	static final int QUOTE = 44;

	static final int FULL = 184;

	private static final int SEGMENT_CDS = 3;

	private static final int SEGMENT_BCD = 6;

	private static final int SEGMENT_INDICES = 9;

	private KitePackets() {
	}

	/**
	 * The ticks of the subscribed tokens in one frame ({@code idsByToken}: instrument
	 * token → instrument id). A heartbeat (1 byte) has none.
	 */
	static void read(ByteBuffer frame, Map<Long, Long> idsByToken, Instant receivedAt, Consumer<Tick> ticks) {
		if (frame.remaining() < 2) {
			return;
		}
		ByteBuffer in = frame.slice().order(ByteOrder.BIG_ENDIAN);
		int packets = Short.toUnsignedInt(in.getShort());
		for (int i = 0; i < packets && in.remaining() >= 2; i++) {
			int length = Short.toUnsignedInt(in.getShort());
			if (in.remaining() < length) {
				log.warn("kite ticker: a frame ends inside packet {} of {} ({} bytes of {})", i + 1, packets,
						in.remaining(), length);
				return;
			}
			ByteBuffer packet = in.slice(in.position(), length).order(ByteOrder.BIG_ENDIAN);
			in.position(in.position() + length);
			Tick tick = packet(packet, idsByToken, receivedAt);
			if (tick != null) {
				ticks.accept(tick);
			}
		}
	}

	private static @Nullable Tick packet(ByteBuffer p, Map<Long, Long> idsByToken, Instant receivedAt) {
		int length = p.remaining();
		if (length < LTP) {
			return null;
		}
		long token = Integer.toUnsignedLong(p.getInt(0));
		Long id = idsByToken.get(token);
		int segment = (int) (token & 0xFF);
		BigDecimal price = price(p.getInt(4), segment);
		if (id == null || price.signum() <= 0) {
			return null;
		}
		if (segment == SEGMENT_INDICES || length == INDEX_QUOTE || length == INDEX_FULL) {
			// indices trade no volume; only the 32-byte packet has a time
			Instant at = length == INDEX_FULL ? epoch(p.getInt(28), receivedAt) : receivedAt;
			return new Tick(id, at, price, 0, receivedAt);
		}
		if (length < QUOTE) {
			// LTP mode has no volume; the subscription asks for full, which follows
			return null;
		}
		long volume = Integer.toUnsignedLong(p.getInt(16));
		Instant at = receivedAt;
		if (length >= FULL) {
			at = epoch(p.getInt(44), epoch(p.getInt(60), receivedAt));
		}
		return new Tick(id, at, price, volume, receivedAt);
	}

	/** Paise (or the currency segments' finer units) to rupees. */
	static BigDecimal price(int raw, int segment) {
		int scale = switch (segment) {
			case SEGMENT_CDS -> 7;
			case SEGMENT_BCD -> 4;
			default -> 2;
		};
		return BigDecimal.valueOf(raw, scale);
	}

	private static Instant epoch(int seconds, Instant otherwise) {
		long s = Integer.toUnsignedLong(seconds);
		return s == 0 ? otherwise : Instant.ofEpochSecond(s);
	}

}
