// Small DOM helpers: every text goes in through textContent (no HTML from data), and no
// inline style anywhere, so the page runs under a strict Content-Security-Policy.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'class') node.className = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** 2026-10-29T10:15:03.123+05:30 -> 2026-10-29 10:15:03 (the API's instants are IST already). */
export function ist(iso) {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '';
}

export function duration(started, ended) {
  if (!started) return '';
  const ms = (ended ? Date.parse(ended) : Date.now()) - Date.parse(started);
  if (ms < 1000) return ms + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  const minutes = Math.floor(ms / 60000);
  if (minutes < 60) return minutes + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}

export function statusBadge(status, id) {
  return el('span', { class: 'status status-' + (status || 'NONE'), 'data-status': status || '', id }, status || 'never ran');
}

/** Today's date at the exchange (yyyy-MM-dd), shifted by days. */
export function istDate(days = 0) {
  const date = new Date(Date.now() + days * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(date);
}

export function message(kind, text, id) {
  return el('p', { class: kind, role: kind === 'error' ? 'alert' : 'status', id }, text);
}
