/**
 * The stylesheet and the one script of the web UI, served as files of their own
 * (`/static/…`) so the Content-Security-Policy can forbid inline script and style.
 * They live here as strings so the build needs no copy step.
 */

/** Where the pages link them; the version in the name lets browsers cache them for good. */
export const ASSETS = { css: '/static/tidings-4.css', js: '/static/tidings-1.js' } as const;

export const STYLE = `
:root{color-scheme:light dark;--fg:#1d232b;--muted:#5d6676;--line:#e4e7ec;--bg:#fff;--accent:#2f5bd3;--accent-fg:#fff;--field:#c9ced6;--panel:#f0f2f5;
--hl:#fff6d6;--mark:#ffe58a;--country:#dbe8ff;--person:#ffe1d6;--org:#e6dcff;--place:#d9f5e3;--flag1:#fff4e5;--flag2:#fdebd3;--error:#b42318;--warning:#b54708;--notice:#fef3f2}
@media (prefers-color-scheme:dark){:root{--fg:#e4e7ec;--muted:#a3abb8;--line:#363c46;--bg:#15181d;--accent:#8fb0ff;--accent-fg:#0f1420;--field:#4a515c;--panel:#262b33;
--hl:#4a3f12;--mark:#6b5a10;--country:#22365c;--person:#5a3326;--org:#3d3163;--place:#1f4a31;--flag1:#3b2c17;--flag2:#4a3519;--error:#ff8a80;--warning:#f5b463;--notice:#3a1d1b}}
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,-apple-system,Segoe UI,sans-serif;color:var(--fg);background:var(--bg)}
header.top{display:flex;gap:1.5rem;align-items:center;padding:.7rem 1.5rem;border-bottom:1px solid var(--line)}
header.top a{color:var(--fg);text-decoration:none}header.top .brand{font-weight:700}
main{max-width:80rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.1rem;margin:2rem 0 .5rem}
a{color:var(--accent)}.muted{color:var(--muted)}.small{font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted)}tr.hl td{background:var(--hl)}
.nowrap{white-space:nowrap}td.article{min-width:12rem}td.rule{font-size:.8rem;color:var(--muted);white-space:nowrap}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0 1rem}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
input,select,button{font:inherit;padding:.3rem .5rem;border:1px solid var(--field);border-radius:4px;background:var(--bg);color:var(--fg)}
button{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);cursor:pointer}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.text{white-space:pre-wrap;font-size:1rem;line-height:1.75;max-width:48rem}
.text .blk{content-visibility:auto;contain-intrinsic-size:auto 5.25rem}
.lazy{content-visibility:auto;contain-intrinsic-size:auto 40rem}
.headline{font-weight:700}
.rm{opacity:.45;text-decoration:line-through}
.flag-warning,.flag-error{background:repeating-linear-gradient(135deg,var(--flag1) 0 6px,var(--flag2) 6px 12px)}.flag-error{outline:1px dashed var(--error)}
.ent{border-radius:3px;padding:0 1px}.ent-country{background:var(--country)}.ent-person{background:var(--person)}.ent-org{background:var(--org)}.ent-place{background:var(--place)}
.time{border-bottom:2px solid #d4a20b}.qty{border-bottom:2px dotted #0a8a7a}
.quote{text-decoration:underline;text-decoration-color:#888;text-underline-offset:3px}
.trigger{font-weight:650;outline:1.5px solid #d0342c;outline-offset:1px;border-radius:2px}
.text .hl,.text :target{background:var(--mark)!important}
.legend span{margin-right:.75rem}
.pill{display:inline-block;padding:0 .4rem;border-radius:9px;background:var(--panel);font-size:.8rem}
.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--muted)}
.notice{max-width:48rem;border-left:4px solid var(--error);background:var(--notice);padding:.6rem .9rem;margin:1rem 0}
nav.pages{margin-top:1rem;display:flex;gap:1rem}
`;

export const SCRIPT = `
for (const row of document.querySelectorAll('tr[data-target]')) {
  const el = document.getElementById(row.dataset.target);
  if (!el) continue;
  row.addEventListener('mouseenter', () => { el.classList.add('hl'); row.classList.add('hl'); });
  row.addEventListener('mouseleave', () => { el.classList.remove('hl'); row.classList.remove('hl'); });
}`;
