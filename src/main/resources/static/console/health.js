// Health: the score and its parts, the broker's token, data freshness, calendar warnings
// and the scheduler's nodes.
import { el, ist, message } from './dom.js';
import { api } from './app.js';

export async function renderHealth(view) {
  view.append(el('h1', { text: 'Health' }));
  // the health endpoint answers 503 with its body when something is DOWN
  const response = await fetch('/actuator/health', { headers: { Accept: 'application/json' } });
  const health = await response.json();
  const components = health.components || {};
  const [freshness, warnings, nodes] = await Promise.all([
    api('GET', '/api/data/freshness'),
    api('GET', '/api/calendar/warnings'),
    api('GET', '/api/nodes'),
  ]);

  const score = components.healthScore ? components.healthScore.details : null;
  if (score) {
    view.append(el('section', { class: 'score' },
      el('p', { class: 'big', id: 'health-score', 'data-score': score.score }, String(score.score), el('small', { text: ' / 100' })),
      el('table', { class: 'grid', id: 'score-parts' },
        el('thead', {}, el('tr', {}, ['Part', 'Points', 'Why'].map((h) => el('th', { text: h })))),
        el('tbody', {}, Object.entries(score.parts).map(([name, part]) => el('tr', { 'data-part': name },
          el('td', { text: name }), el('td', { class: 'num', text: `${part.points} / ${part.of}` }), el('td', { text: part.detail })))))));
  }

  view.append(el('h2', {}, 'Overall ', el('span', { class: 'status status-' + health.status, id: 'health-status' }, health.status)));
  const broker = components.brokerToken || { status: 'UNKNOWN', details: {} };
  const b = broker.details || {};
  view.append(el('h2', { text: 'Broker token' }), el('dl', { class: 'details', id: 'broker-health' },
    el('dt', { text: 'Broker' }), el('dd', { text: b.broker || '' }),
    el('dt', { text: 'Token' }), el('dd', {}, el('span', { class: 'status status-' + broker.status }, broker.status), b.token ? ' ' + b.token : ''),
    b.rejectedAt ? [el('dt', { text: 'Rejected at' }), el('dd', { text: ist(b.rejectedAt) })] : null,
    b.renew ? [el('dt', { text: 'Renew' }), el('dd', { class: 'mono', text: b.renew })] : null));

  const stale = freshness.instruments.filter((i) => i.stale);
  view.append(el('h2', { text: 'Data freshness' }),
    el('p', { id: 'freshness' }, `now ${ist(freshness.now)} IST; market ${freshness.marketOpen ? 'open' : 'closed'}; `
      + `${freshness.stale} of ${freshness.instruments.length} instruments stale.`),
    stale.length ? el('ul', {}, stale.slice(0, 50).map((i) => el('li', {}, el('a', { href: `/candles/${encodeURIComponent(i.symbol)}?timeframe=1m` }, i.symbol),
      ` last candle ${ist(i.lastCandle) || 'none'}, last LTP ${ist(i.lastLtpMinute) || 'none'}`))) : '');

  view.append(el('h2', { text: 'Calendar' }), warnings.length
    ? el('ul', { id: 'calendar-warnings' }, warnings.map((w) => el('li', { class: 'warning', text: w })))
    : message('ok', 'No calendar warnings.'));

  const quartz = components.quartz || { status: 'UNKNOWN', details: {} };
  view.append(el('h2', {}, 'Scheduler ', el('span', { class: 'status status-' + quartz.status }, quartz.status)),
    el('p', { class: 'hint', text: quartz.details && quartz.details.name ? `${quartz.details.name}, instance ${quartz.details.instanceId}, clustered: ${quartz.details.clustered}` : '' }),
    el('table', { class: 'grid', id: 'nodes' },
      el('thead', {}, el('tr', {}, ['Node', 'Host', 'PID', 'Kind', 'Started (IST)', 'Last seen (IST)', 'Seen'].map((h) => el('th', { text: h })))),
      el('tbody', {}, nodes.map((n) => el('tr', {},
        el('td', { class: 'mono', text: n.nodeId }), el('td', { text: n.host }), el('td', { class: 'num', text: n.pid }), el('td', { text: n.kind }),
        el('td', { text: ist(n.startedAt) }), el('td', { text: ist(n.lastSeen) }), el('td', { text: n.secondsSinceSeen + ' s ago' }))))));
}
