package io.marketbatch.broker.dhan;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.market.Tick;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dhan v2 live-feed packets, little-endian: an 8-byte header (response code u8, length
 * int16, exchange segment u8, security id int32), then by code: ticker (2, 16 bytes: LTP
 * float32 at 8, LTT at 12), quote (4, 50 bytes) and full (8, 162 bytes) with LTP at 8,
 * LTT at 14 and the day's volume at 22, disconnect (50, 10 bytes: reason int16 at 8).
 * Prices are float32 rupees, rounded to paise (currency: 4 places). LTT is epoch seconds
 * of the IST wall clock (Dhan's maintainers), so 5:30 h are taken off for the instant.
 * Index packets (code 1, or segment IDX_I) carry no volume (0).
 */
final class DhanPackets {

	private static final Logger log = LoggerFactory.getLogger(DhanPackets.class);

	static final int INDEX = 1;

	static final int TICKER = 2;

	static final int QUOTE = 4;

	static final int OI = 5;

	static final int PREVIOUS_CLOSE = 6;

	static final int MARKET_STATUS = 7;

	static final int FULL = 8;

	static final int DISCONNECT = 50;

	static final int IDX_I = 0;

	/** LTT counts IST wall-clock seconds as if they were UTC. */
	static final long IST_OFFSET_SECONDS = 19_800;

	private DhanPackets() {
	}

	/**
	 * Segment key (the request's ExchangeSegment code) and security id → instrument id.
	 */
	static long key(int segment, long securityId) {
		return ((long) segment << 32) | securityId;
	}

	/**
	 * The ticks of one frame (one or more packets).
	 * @throws BrokerException for a disconnect packet: a {@link BrokerAuthException} when
	 * the token expired (807) or was refused (808, 809)
	 */
	static void read(ByteBuffer frame, Map<Long, Long> ids, Instant receivedAt, Consumer<Tick> ticks) {
		ByteBuffer in = frame.slice().order(ByteOrder.LITTLE_ENDIAN);
		while (in.remaining() >= 8) {
			int start = in.position();
			int code = Byte.toUnsignedInt(in.get(start));
			int size = switch (code) {
				case INDEX, TICKER, PREVIOUS_CLOSE -> 16;
				case QUOTE -> 50;
				case OI -> 12;
				case FULL -> 162;
				case DISCONNECT -> 10;
				default -> Short.toUnsignedInt(in.getShort(start + 1));
			};
			if (size < 8 || in.remaining() < size) {
				log.debug("dhan feed: {} bytes left of a packet of code {} and {} bytes", in.remaining(), code, size);
				return;
			}
			ByteBuffer p = in.slice(start, size).order(ByteOrder.LITTLE_ENDIAN);
			in.position(start + size);
			if (code == DISCONNECT) {
				int reason = Short.toUnsignedInt(p.getShort(8));
				BrokerException end = disconnected(reason);
				if (end != null) {
					throw end;
				}
				// the server closes the socket next: reconnected
				log.warn("dhan feed: Dhan disconnects the feed with reason {}", reason);
			}
			Tick tick = tick(code, p, ids, receivedAt);
			if (tick != null) {
				ticks.accept(tick);
			}
		}
	}

	private static @Nullable Tick tick(int code, ByteBuffer p, Map<Long, Long> ids, Instant receivedAt) {
		int segment = Byte.toUnsignedInt(p.get(3));
		Long id = ids.get(key(segment, Integer.toUnsignedLong(p.getInt(4))));
		if (id == null || (code != INDEX && code != TICKER && code != QUOTE && code != FULL)) {
			return null;
		}
		BigDecimal price = price(p.getFloat(8), segment);
		if (price == null) {
			return null;
		}
		if (code == INDEX || code == TICKER) {
			// no volume: only indices are subscribed in a mode that sends these
			return segment == IDX_I || code == INDEX
					? new Tick(id, time(p.getInt(12), receivedAt), price, 0, receivedAt) : null;
		}
		long volume = Integer.toUnsignedLong(p.getInt(22));
		return new Tick(id, time(p.getInt(14), receivedAt), price, volume, receivedAt);
	}

	static @Nullable BigDecimal price(float raw, int segment) {
		if (!(raw > 0) || Float.isInfinite(raw)) {
			return null;
		}
		// NSE_CURRENCY 3, BSE_CURRENCY 7 quote in 1/10000 rupee
		int scale = segment == 3 || segment == 7 ? 4 : 2;
		return new BigDecimal(Float.toString(raw)).setScale(scale, RoundingMode.HALF_UP);
	}

	private static Instant time(int ltt, Instant otherwise) {
		long seconds = Integer.toUnsignedLong(ltt);
		return seconds == 0 ? otherwise : Instant.ofEpochSecond(seconds - IST_OFFSET_SECONDS);
	}

	/** What a disconnect reason means, when it ends the feed; null: reconnect. */
	static @Nullable BrokerException disconnected(int reason) {
		String said = "dhan feed: Dhan disconnected the feed with reason " + reason;
		return switch (reason) {
			case 807 -> new BrokerAuthException(said + ": the access token has expired. Generate a new one and set it "
					+ "(PUT /api/brokers/dhan/token or `token set dhan <token>`), then subscribe again.");
			case 808, 809 -> new BrokerAuthException(said + (reason == 808 ? ": invalid client id" : ": auth failed")
					+ "; check marketbatch.dhan.client-id and the access token.");
			case 805 -> new BrokerUnavailableException(said + ": too many connections; another connection of this "
					+ "user (another process?) took over. Run one feed per Dhan user.");
			case 806 -> new BrokerException(said + ": the Data APIs are not subscribed for this account.");
			default -> null;
		};
	}

}
