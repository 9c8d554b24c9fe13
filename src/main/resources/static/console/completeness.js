// Completeness heatmap: instruments x trading days, each cell coloured by the share of
// the day's expected minutes accounted for; a click shows the missing ranges and offers a
// backfill of exactly that instrument-day.
import { el, clear, istDate, message } from './dom.js';
import { api, navigate } from './app.js';

/** The colour bucket of a percentage (classes in console.css). */
function bucket(percent) {
  if (percent >= 100) return 'c100';
  if (percent >= 99) return 'c99';
  if (percent >= 95) return 'c95';
  if (percent >= 80) return 'c80';
  if (percent >= 50) return 'c50';
  if (percent > 0) return 'c1';
  return 'c0';
}

export async function renderCompleteness(view, query) {
  const from = query.get('from') || istDate(-14);
  const to = query.get('to') || istDate(-1);
  const symbols = query.get('symbols') || '';
  const universe = symbols ? '' : query.get('universe') || 'NIFTY50';
  view.append(el('h1', { text: 'Completeness' }));
  const form = el('form', { id: 'completeness-form', class: 'inline' },
    el('label', {}, el('span', { text: 'Universe' }), el('input', { name: 'universe', value: universe, placeholder: 'NIFTY50' })),
    el('label', {}, el('span', { text: 'or symbols' }), el('input', { name: 'symbols', value: symbols, placeholder: 'RELIANCE,TCS' })),
    el('label', {}, el('span', { text: 'From' }), el('input', { name: 'from', type: 'date', value: from })),
    el('label', {}, el('span', { text: 'To' }), el('input', { name: 'to', type: 'date', value: to })),
    el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const input of form.querySelectorAll('input')) {
      if (input.value.trim()) params.set(input.name, input.value.trim());
    }
    if (params.has('symbols')) params.delete('universe');
    navigate('/completeness?' + params);
  });
  const detail = el('aside', { id: 'cell-detail', class: 'detail', hidden: true });
  const holder = el('div', { id: 'heatmap-holder' });
  view.append(form, holder, detail);

  const params = new URLSearchParams({ from, to });
  if (symbols) params.set('symbols', symbols);
  else params.set('universe', universe);
  let days;
  try {
    days = await api('GET', '/api/data/completeness/days?' + params);
  } catch (e) {
    holder.append(message('error', e.message, 'completeness-error'));
    return;
  }
  const open = days.filter((day) => !day.closedReason);
  if (open.length === 0) {
    holder.append(message('hint', 'No trading day in this range.'));
    return;
  }
  const cells = new Map();
  const symbolsInOrder = [];
  for (const day of open) {
    for (const item of day.instruments) {
      if (!cells.has(item.symbol)) {
        cells.set(item.symbol, new Map());
        symbolsInOrder.push(item.symbol);
      }
      cells.get(item.symbol).set(day.date, item);
    }
  }
  let incomplete = 0;
  const body = el('tbody');
  for (const symbol of symbolsInOrder) {
    const row = el('tr', {}, el('th', { scope: 'row' }, el('a', { href: `/candles/${encodeURIComponent(symbol)}?timeframe=1d&from=${from}&to=${to}` }, symbol)));
    for (const day of open) {
      const item = cells.get(symbol).get(day.date);
      if (!item) {
        row.append(el('td'));
        continue;
      }
      const percent = Number(item.percent);
      if (percent < 100) incomplete++;
      const noTrade = item.noTradeMinutes !== undefined && item.noTradeMinutes !== null ? `, no-trade ${item.noTradeMinutes}` : '';
      row.append(el('td', {}, el('button', {
        type: 'button',
        class: 'cell ' + bucket(percent),
        'data-symbol': symbol,
        'data-date': day.date,
        'data-percent': percent,
        title: `${symbol} ${day.date}: ${percent}% (${item.presentMinutes} of ${item.expectedMinutes} min present${noTrade})`,
        'aria-label': `${symbol} ${day.date} ${percent}%`,
        onclick: () => showCell(detail, item),
      })));
    }
    body.append(row);
  }
  const head = el('tr', {}, el('th', { text: 'Instrument' }), open.map((day) => el('th', { class: 'day', title: day.date }, day.date.slice(5))));
  const closed = days.filter((day) => day.closedReason).map((day) => `${day.date} (${day.closedReason})`);
  holder.append(
    el('p', { class: 'hint', id: 'heatmap-summary' },
      `${symbolsInOrder.length} instruments × ${open.length} trading days; ${incomplete} instrument-days incomplete.`
      + (closed.length ? ' Closed: ' + closed.join(', ') + '.' : '')),
    legend(),
    el('div', { class: 'scroll' }, el('table', { class: 'heatmap', id: 'heatmap', 'data-cells': symbolsInOrder.length * open.length }, el('thead', {}, head), body)));
  const chosen = query.get('symbol') && query.get('date') && cells.get(query.get('symbol').toUpperCase())?.get(query.get('date'));
  if (chosen) showCell(detail, chosen);
}

function legend() {
  const steps = [['c100', '100%'], ['c99', '≥ 99%'], ['c95', '≥ 95%'], ['c80', '≥ 80%'], ['c50', '≥ 50%'], ['c1', '> 0%'], ['c0', 'none']];
  return el('p', { class: 'legend' }, steps.map(([cls, label]) => el('span', {}, el('i', { class: 'cell ' + cls }), label)));
}

function showCell(detail, item) {
  clear(detail).hidden = false;
  const params = new URLSearchParams(location.search);
  params.set('symbol', item.symbol);
  params.set('date', item.date);
  history.replaceState(null, '', '/completeness?' + params);
  const noTrade = item.noTradeMinutes !== undefined && item.noTradeMinutes !== null;
  detail.append(
    el('h2', { text: `${item.symbol} on ${item.date}` }),
    el('p', { id: 'cell-summary' }, `${item.percent}% accounted for: ${item.presentMinutes} of ${item.expectedMinutes} minutes present`
      + (noTrade ? `, ${item.noTradeMinutes} no-trade` : '')
      + (item.missingMinutes !== undefined && item.missingMinutes !== null ? `, ${item.missingMinutes} missing` : '') + '.'));
  if (!item.missing || item.missing.length === 0) {
    detail.append(message('ok', 'No missing minutes.'));
  } else {
    detail.append(el('h3', { text: 'Missing (IST)' }), el('ul', { id: 'missing-ranges' }, item.missing.map((range) => el('li', { class: 'missing-range' },
      `${range.from.slice(11, 16)} – ${range.to.slice(11, 16)} (${range.minutes} min)`))));
    const outcome = el('div', { id: 'backfill-outcome' });
    detail.append(el('button', {
      type: 'button',
      id: 'backfill-missing',
      onclick: async () => {
        clear(outcome);
        try {
          const launched = await api('POST', '/api/jobs/historyBackfill/executions',
            { symbols: item.symbol, from: item.date, to: item.date, rerun: true });
          outcome.append(message('ok', `historyBackfill #${launched.id} launched: `), el('a', { href: '/executions/' + launched.id }, 'follow it'));
        } catch (e) {
          outcome.append(message('error', e.message, 'backfill-error'));
        }
      },
    }, `Backfill these minutes (historyBackfill ${item.symbol} ${item.date})`), outcome);
  }
  detail.append(el('p', {}, el('a', { href: `/candles/${encodeURIComponent(item.symbol)}?timeframe=1m&from=${item.date}&to=${item.date}` }, 'Chart this day')));
}
