import { SEQUENTIAL_BLUES } from './palette.js';

const scale = SEQUENTIAL_BLUES.map((colour, i) => `.s${i}{background:${colour};${i >= 5 ? 'color:#fff;' : ''}}`).join('\n');

/** The report's one stylesheet (inline, allowed by its hash): no style attributes anywhere, so the CSP needs no 'unsafe-inline'. */
export const STYLESHEET = `
:root{--ink:#1b1f24;--muted:#57606a;--rule:#d0d7de;--soft:#f6f8fa;--accent:#0072B2;--good:#1a7f37;--bad:#b3261e}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1320px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:1.7rem;line-height:1.25;margin:0 0 6px}
h2{font-size:1.3rem;margin:40px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--rule)}
h3{font-size:1.05rem;margin:0 0 4px}
p{margin:6px 0}
a{color:var(--accent)}
.lede{color:var(--muted);margin:0 0 8px}
.question{font-size:1.05rem;border-left:4px solid var(--accent);padding:4px 12px;margin:12px 0;background:var(--soft)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0;font-size:.92rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.notice{border:1px solid #d4a72c;background:#fff8c5;padding:8px 12px;border-radius:6px;margin:12px 0}
.recommendation{border:2px solid var(--accent);border-radius:8px;padding:12px 16px;margin:12px 0;background:#f3f9fd}
.recommendation p.headline{margin:0;font-size:1.2rem}
.recommendation ul{margin:6px 0 0;padding-left:20px}
ul.verdicts{padding-left:20px}
ul.verdicts li{margin:6px 0}
.tag{display:inline-block;font-size:.78rem;font-weight:600;padding:0 7px;border-radius:10px;margin-right:6px;vertical-align:1px}
.tag.clear{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
.tag.tie{background:#fff1e5;color:#8a4600;border:1px solid #e09b4f}
.tag.unknown{background:#eaeef2;color:#424a53;border:1px solid #afb8c1}
.tag.pass{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
.tag.fail{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}
.table-scroll{overflow-x:auto;max-width:100%}
table.change code{overflow-wrap:anywhere}
ul.shares{list-style:none;margin:0;padding:0;white-space:nowrap;font-size:.85em}
ul.shares li{display:flex;justify-content:space-between;gap:12px}
#recommendation .recommendation{margin-top:20px}
table{border-collapse:collapse;font-size:.88rem;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
table.data tbody td:first-child{white-space:nowrap}
thead th{position:sticky;top:0;background:#fff;border-bottom:2px solid var(--ink)}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" \\25B2";font-size:.7em}
th[aria-sort=descending] button::after{content:" \\25BC";font-size:.7em}
td.best{font-weight:700}
td .ci{display:block;font-size:.78em;font-weight:400;opacity:.85}
td.best::before{content:"\\2605 ";font-weight:400}
.legend{display:flex;align-items:center;gap:6px;font-size:.82rem;color:var(--muted);margin:6px 0}
.legend span.swatch{display:inline-block;width:22px;height:12px;border:1px solid #bbb}
${scale}
figure.chart{margin:28px 0;padding:0}
figure.chart figcaption p{color:var(--muted);margin:2px 0 8px;max-width:900px}
.chart-view{min-height:40px;overflow-x:auto}
.chart-view .vega-bindings{margin:4px 0 10px;font-size:.9rem}
.chart-view .vega-bind-name{margin-right:6px;color:var(--muted)}
.chart-error{color:var(--bad)}
details{margin:8px 0}
details>summary{cursor:pointer;color:var(--accent);font-size:.9rem}
details .table-wrap{max-height:420px;overflow:auto;margin-top:6px;border:1px solid var(--rule)}
.lbsim-tooltip{position:absolute;z-index:10;pointer-events:none;background:#fff;border:1px solid #888;border-radius:4px;padding:4px 8px;box-shadow:0 2px 6px rgba(0,0,0,.18);font-size:.8rem;max-width:420px}
.lbsim-tooltip table{font-size:.8rem}
.lbsim-tooltip th,.lbsim-tooltip td{border:0;padding:1px 6px 1px 0}
.lbsim-tooltip th{color:var(--muted);font-weight:400}
footer{margin-top:48px;color:var(--muted);font-size:.82rem}
code{font-size:.9em;background:var(--soft);padding:0 3px;border-radius:3px}
`.trim();
