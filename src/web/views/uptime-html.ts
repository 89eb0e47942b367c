import { html } from 'ghtml';
import { componentLabel } from '../../incidents/model';
import { type ComponentStatus, componentStatuses, componentStatusLabels } from '../../incidents/vocabulary';
import type { PublicComponent } from '../../status/model';
import { formatUptime, type UptimeDay, type UptimeHistory } from '../../status/uptime-history';

/*
 * The 90 daily bars of SPEC §12, without a script: each bar is a keyboard stop whose text (date, worst
 * status, that day's incidents as links) screen readers read in place and sighted people see on hover or
 * focus. Colour is never the only signal: the text says the status, a day with incidents carries a mark
 * under its bar, and a day without data is hollow.
 */

type BarStatus = ComponentStatus | 'no_data';

const statusText = (status: BarStatus) => (status === 'no_data' ? 'No data' : componentStatusLabels[status]);

/** Bars without incidents are the same for every component on a given day: built once per page. */
class PlainBars {
  private readonly bars = new Map<string, string>();

  get(day: UptimeDay, status: BarStatus): string {
    const key = `${day.date}|${status}`;
    let bar = this.bars.get(key);
    if (bar === undefined) {
      bar = html`<li class="bar ${status}" tabindex="0"><span class="tip">${day.label}: ${statusText(status)}</span></li>`;
      this.bars.set(key, bar);
    }
    return bar;
  }
}

function barHtml(day: UptimeDay, plain: PlainBars): string {
  const status: BarStatus = day.status ?? 'no_data';
  if (day.events.length === 0) return plain.get(day, status);
  const links = day.events.map((event) => html`<a href="${event.path}">${event.ref} ${event.title}</a>`);
  return html`<li class="bar ${status} events" tabindex="0"><span class="tip">${day.label}: ${statusText(status)}. !${links.join('; ')}</span></li>`;
}

const legend = [...componentStatuses, 'no_data' as const]
  .map((status) => html`<li><span class="swatch ${status}"></span>${statusText(status)}</li>`)
  .join('');

/** The "Uptime, last 90 days" section of `/`, components in catalog order, linking to `/history`. */
export function uptimeSection(components: readonly PublicComponent[], uptime: UptimeHistory): string {
  const plain = new PlainBars();
  const first = uptime.days[0]?.label ?? '';
  const rows = [...components]
    .sort((a, b) => a.position - b.position)
    .map((component) => {
      const history = uptime.components.get(component.id);
      if (!history) return '';
      const label = componentLabel(component);
      const percent = history.uptime === null ? 'No data yet' : `${formatUptime(history.uptime)} uptime`;
      const bars = history.days.map((day) => barHtml(day, plain)).join('');
      return html`<li><div class="row-head"><span>${label}</span><span class="meta">${percent}</span></div><ol class="bars" aria-label="${label}: one bar a day since ${first}">!${bars}</ol></li>`;
    });
  return html`<section class="uptime" aria-labelledby="uptime-heading"><h2 id="uptime-heading">Uptime, last ${uptime.days.length} days</h2><p class="meta">One bar a day, oldest first; hover or focus a bar for its day. <a href="/history">Incident history</a></p><ul class="legend" aria-label="Bar colours">!${legend}</ul><ul class="uptime-rows">!${rows.join('')}</ul></section>`;
}
