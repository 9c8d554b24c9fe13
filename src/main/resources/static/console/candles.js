// Candles: one instrument's bars for a timeframe and range, as a candlestick chart with
// volume (Apache ECharts, a WebJar); instruments found by symbol, name or ISIN.
import { el, clear, istDate, message } from './dom.js';
import { api, navigate } from './app.js';

const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '1d'];
let chart = null;
// today's 1-minute chart follows live capture's finished bars (/api/stream)
let stream = null;

export async function renderCandles(view, symbol, query) {
  if (stream) {
    stream.close();
    stream = null;
  }
  const timeframe = query.get('timeframe') || '5m';
  const from = query.get('from') || istDate(-1);
  const to = query.get('to') || from;
  view.append(el('h1', { text: symbol ? `${symbol} ${timeframe}` : 'Candles' }));
  view.append(searchBox(timeframe, from, to));
  if (!symbol) {
    view.append(el('p', { class: 'hint', text: 'Find an instrument by symbol, name or ISIN.' }));
    return;
  }
  const form = el('form', { id: 'candles-form', class: 'inline' },
    el('label', {}, el('span', { text: 'Timeframe' }),
      el('select', { name: 'timeframe', id: 'timeframe' }, TIMEFRAMES.map((tf) => el('option', { value: tf, selected: tf === timeframe }, tf)))),
    el('label', {}, el('span', { text: 'From' }), el('input', { name: 'from', type: 'date', value: from })),
    el('label', {}, el('span', { text: 'To' }), el('input', { name: 'to', type: 'date', value: to })),
    el('button', { type: 'submit' }, 'Draw'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/candles/${encodeURIComponent(symbol)}?` + new URLSearchParams(new FormData(form)));
  });
  const status = el('div', { id: 'chart-message' });
  const holder = el('div', { id: 'chart', class: 'chart', 'data-symbol': symbol });
  view.append(form, status, holder);
  let bars;
  try {
    bars = await api('GET', `/api/candles/${encodeURIComponent(symbol)}?` + new URLSearchParams({ timeframe, from, to }));
  } catch (e) {
    status.append(message('error', e.message, 'candles-error'));
    return;
  }
  holder.dataset.bars = String(bars.length);
  if (bars.length === 0) {
    status.append(message('hint', `No ${timeframe} bars of ${symbol} from ${from} to ${to}.`, 'candles-empty'));
    return;
  }
  status.append(el('p', { class: 'hint', id: 'candles-count' }, `${bars.length} bars, times in IST.`));
  draw(holder, bars, timeframe);
  if (timeframe === '1m' && to === istDate(0)) follow(holder, symbol, bars, timeframe);
}

/** Adds each finished live 1-minute bar of the symbol to the chart as it is written. */
function follow(holder, symbol, bars, timeframe) {
  stream = new EventSource('/api/stream?' + new URLSearchParams({ symbols: symbol }));
  stream.addEventListener('bar', (event) => {
    if (!holder.isConnected) {
      stream.close();
      stream = null;
      return;
    }
    const bar = JSON.parse(event.data);
    const ts = new Date(Date.parse(bar.time) + 330 * 60000).toISOString().slice(0, 19);
    if (bars.some((b) => b.ts.slice(0, 16) === ts.slice(0, 16))) return;
    bars.push({ ts, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });
    holder.dataset.bars = String(bars.length);
    draw(holder, bars, timeframe);
  });
}

function searchBox(timeframe, from, to) {
  const results = el('ul', { id: 'instrument-results', class: 'results' });
  const input = el('input', { type: 'search', id: 'instrument-search', placeholder: 'Symbol, name or ISIN', autocomplete: 'off', 'aria-label': 'Find an instrument' });
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      clear(results);
      const q = input.value.trim();
      if (!q) return;
      try {
        const found = await api('GET', '/api/instruments?q=' + encodeURIComponent(q));
        if (found.length === 0) results.append(el('li', { class: 'hint', text: 'No instrument matches.' }));
        for (const match of found) {
          const href = `/candles/${encodeURIComponent(match.symbol)}?` + new URLSearchParams({ timeframe, from, to });
          results.append(el('li', {}, el('a', { href, 'data-symbol': match.symbol }, match.symbol),
            ' ', el('span', { class: 'hint', text: [match.name, match.isin, match.type].filter(Boolean).join(' · ') })));
        }
      } catch (e) {
        results.append(el('li', { class: 'error', text: e.message }));
      }
    }, 200);
  });
  return el('div', { class: 'search' }, input, results);
}

function draw(holder, bars, timeframe) {
  if (chart) chart.dispose();
  // eslint-disable-next-line no-undef
  chart = echarts.init(holder, null, { renderer: 'canvas' });
  const daily = timeframe === '1d';
  const labels = bars.map((bar) => (daily ? bar.ts.slice(0, 10) : bar.ts.slice(5, 16).replace('T', ' ')));
  // ECharts' candlestick order: open, close, low, high
  const ohlc = bars.map((bar) => [Number(bar.open), Number(bar.close), Number(bar.low), Number(bar.high)]);
  const volume = bars.map((bar) => bar.volume);
  const up = '#1a7f37';
  const down = '#cf222e';
  chart.setOption({
    animation: false,
    // plain-text tooltips: HTML ones carry inline styles, which the page's CSP refuses
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [{ left: 70, right: 30, top: 20, height: '58%' }, { left: 70, right: 30, top: '74%', height: '16%' }],
    xAxis: [
      { type: 'category', data: labels, boundaryGap: true, axisLabel: { show: false } },
      { type: 'category', data: labels, gridIndex: 1, boundaryGap: true },
    ],
    yAxis: [
      { scale: true, splitArea: { show: true } },
      { gridIndex: 1, splitNumber: 2, axisLabel: { show: false } },
    ],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }, { type: 'slider', xAxisIndex: [0, 1], bottom: 4 }],
    series: [
      { name: 'price', type: 'candlestick', data: ohlc, itemStyle: { color: up, color0: down, borderColor: up, borderColor0: down } },
      { name: 'volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: volume, itemStyle: { color: '#8c959f' } },
    ],
  });
  holder.dataset.drawn = 'true';
  window.addEventListener('resize', () => chart && chart.resize());
}
