/** The charts' tooltip: one element, filled with text only (textContent), kept inside the window. */
import type { TooltipHandler } from 'vega';

/** A tooltip value as text: numbers in en-US with up to 6 significant digits. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumSignificantDigits: 6 });
  return String(value);
}

/** Adds the tooltip element to the page and returns vega's handler for it. */
export function createTooltip(): TooltipHandler {
  const tip = document.createElement('div');
  tip.className = 'lbsim-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.appendChild(tip);

  return (_handler, event, _item, value: unknown) => {
    if (value === null || value === undefined || value === '') {
      tip.hidden = true;
      return;
    }
    tip.replaceChildren();
    if (typeof value === 'object') {
      const table = document.createElement('table');
      for (const [key, field] of Object.entries(value)) {
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.textContent = key;
        const td = document.createElement('td');
        td.textContent = show(field);
        tr.append(th, td);
        table.appendChild(tr);
      }
      tip.appendChild(table);
    } else {
      tip.textContent = show(value);
    }
    tip.hidden = false;
    let x = event.clientX + 14;
    let y = event.clientY + 14;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, event.clientX - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, event.clientY - h - 14);
    tip.style.left = `${x + window.scrollX}px`;
    tip.style.top = `${y + window.scrollY}px`;
  };
}
