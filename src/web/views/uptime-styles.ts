/*
 * The uptime bars' part of the stylesheet. A bar's text is visually hidden (still read by screen readers)
 * until the bar is hovered or holds the keyboard focus; then it shows as a small card above the bar, kept
 * inside the row at both ends.
 */
export const uptimeStyles = `
.uptime-rows>li{padding:.5rem 0;border-top:1px solid var(--line)}
.uptime-rows>li:first-child{border-top:0}
.row-head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 1rem}
.bars{display:flex;gap:1px;height:2rem;margin:.35rem 0 .6rem}
.bar{position:relative;flex:1 1 0;min-width:0;border-radius:1px;background:var(--ok)}
.bar:focus{outline:2px solid var(--text);outline-offset:1px;z-index:1}
.swatch.operational{background:var(--ok)}
.bar.under_maintenance,.swatch.under_maintenance{background:var(--maintenance)}
.bar.degraded_performance,.swatch.degraded_performance{background:var(--minor)}
.bar.partial_outage,.swatch.partial_outage{background:var(--major)}
.bar.major_outage,.swatch.major_outage{background:var(--critical)}
.bar.no_data,.swatch.no_data{background:none;box-shadow:inset 0 0 0 1px var(--muted)}
.bar.events::after{content:"";position:absolute;left:0;right:0;bottom:-5px;height:3px;background:var(--text)}
.tip{position:absolute;left:50%;bottom:calc(100% + 6px);transform:translateX(-50%);width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.bar:nth-child(-n+20) .tip{left:0;transform:none}
.bar:nth-child(n+71) .tip{left:auto;right:0;transform:none}
.bar:hover .tip,.bar:focus-within .tip{width:max-content;max-width:16rem;height:auto;overflow:visible;clip-path:none;white-space:normal;padding:.35rem .6rem;border-radius:6px;background:var(--text);color:var(--card);font-size:.8rem;line-height:1.4;z-index:2}
.tip a{color:inherit}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 .75rem;font-size:.8rem;color:var(--muted)}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;vertical-align:-.1em}
`.trim();
