import { html } from 'ghtml';
import { formatDisplayTime, toIsoSeconds } from '../../incidents/time';
import { uptimeStyles } from './uptime-styles';

/**
 * A message as typed: one `<p>` per paragraph (blank-line separated); single line breaks, indentation
 * and emoji shortcodes are kept (the stylesheet's `white-space: pre-wrap`).
 */
export function messageHtml(message: string): string {
  const paragraphs = message
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\s+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '');
  return html`<div class="message">!${paragraphs.map((p) => html`<p>${p}</p>`)}</div>`;
}

/** `<time>` with the machine-readable UTC instant and the SPEC §2 display text. */
export function timeHtml(date: Date, timeZone: string): string {
  return html`<time datetime="${toIsoSeconds(date)}">${formatDisplayTime(date, timeZone)}</time>`;
}

// Light and dark (`prefers-color-scheme`); the banner keeps its light colours in both, on which white
// text stays above 4.5:1.
const stylesheet = `
:root{color-scheme:light dark;--ok:#1a7f37;--maintenance:#0969da;--minor:#9a6700;--major:#bc4c00;--critical:#cf222e;--muted:#59636e;--line:#d1d9e0;--text:#1f2328;--bg:#f6f8fa;--card:#fff;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--ok:#3fb950;--maintenance:#4493f8;--minor:#d29922;--major:#db6d28;--critical:#f85149;--muted:#9198a1;--line:#3d444d;--text:#f0f6fc;--bg:#0d1117;--card:#151b23;--link:#4493f8}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--text);background:var(--bg)}
main{max-width:48rem;margin:0 auto;padding:1rem}
a{color:var(--link)}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.25rem 1rem}
h1{font-size:1.6rem;margin:.5rem 0;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:0 0 .5rem}
h3{font-size:1rem;margin:.75rem 0 .25rem;overflow-wrap:anywhere}
section,article{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0}
ul,ol{list-style:none;margin:0;padding:0}
.banner{color:#fff;font-size:1.25rem;font-weight:600;border:0}
.banner p{margin:0}.banner .meta{color:#fff}
.indicator-none{background:#1a7f37}.indicator-maintenance{background:#0969da}
.indicator-minor{background:#9a6700}.indicator-major{background:#bc4c00}.indicator-critical{background:#cf222e}
.row{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 1rem;padding:.5rem 0;border-top:1px solid var(--line)}
.row:first-child{border-top:0}
.group>ul{margin-left:1rem}
.status{font-size:.9rem;white-space:nowrap}
.operational{color:var(--ok)}.under_maintenance{color:var(--maintenance)}.degraded_performance{color:var(--minor)}
.partial_outage{color:var(--major)}.major_outage{color:var(--critical)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:1em;padding:0 .5em;font-size:.8rem;white-space:nowrap}
.impact-none{color:var(--muted)}.impact-minor{color:var(--minor)}.impact-major{color:var(--major)}.impact-critical{color:var(--critical)}
.meta,.description{color:var(--muted);font-size:.875rem}
.description{display:block}
.message p{margin:.25rem 0 .75rem;white-space:pre-wrap;overflow-wrap:anywhere}
.update{border-top:1px solid var(--line);padding-top:.5rem;margin-top:.5rem}
.timeline>li:first-child>.update{border-top:0;margin-top:0}
.summary{font-size:1.05rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{color:var(--muted)}dd{margin:0}
.day+.day{margin-top:1rem}
.open-incidents article{border:0;border-radius:0;padding:0;margin:.75rem 0 0}
.open-incidents article+article{border-top:1px solid var(--line);padding-top:.75rem}
footer{color:var(--muted);font-size:.875rem;text-align:center;padding:1rem}
fieldset{border:1px solid var(--line);border-radius:6px;margin:.5rem 0}
input[type=email]{font:inherit;padding:.25rem .5rem;width:100%;max-width:24rem}
button{font:inherit;padding:.25rem 1rem}
${uptimeStyles}
`
  .trim()
  .replace(/\n/g, '');

/**
 * The headers of every HTML page: they run no script and load nothing from elsewhere, so the policy
 * makes any injection inert; forms post only to this site (the subscription forms, SPEC §13).
 */
export const htmlSecurityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'",
};

/** A whole page: small inline stylesheet, no script, readable on a phone. `body` is HTML already. */
export function htmlDocument(args: { title: string; orgName: string; body: string }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${args.title}</title>
<link rel="alternate" type="application/atom+xml" title="${args.orgName} incident history" href="/history.atom">
<link rel="alternate" type="application/rss+xml" title="${args.orgName} incident history" href="/history.rss">
<style>!${stylesheet}</style>
</head>
<body>
<main>!${args.body}</main>
<footer><a href="/history.atom">Atom feed</a> · <a href="/history.rss">RSS feed</a> · <a href="/api/v2/summary.json">JSON API</a></footer>
</body>
</html>
`;
}
