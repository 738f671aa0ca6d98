/**
 * The stylesheet and the one script of the web UI, served as files of their own
 * (`/static/…`) so the Content-Security-Policy can forbid inline script and style.
 * They live here as strings so the build needs no copy step.
 */

/** Where the pages link them; the version in the name lets browsers cache them for good. */
export const ASSETS = { css: '/static/tidings-1.css', js: '/static/tidings-1.js' } as const;

export const STYLE = `
:root{--fg:#1d232b;--muted:#667085;--line:#e4e7ec;--bg:#fff;--accent:#2f5bd3}
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,-apple-system,Segoe UI,sans-serif;color:var(--fg);background:var(--bg)}
header.top{display:flex;gap:1.5rem;align-items:center;padding:.7rem 1.5rem;border-bottom:1px solid var(--line)}
header.top a{color:var(--fg);text-decoration:none}header.top .brand{font-weight:700}
main{max-width:80rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.1rem;margin:2rem 0 .5rem}
a{color:var(--accent)}.muted{color:var(--muted)}.small{font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted)}tr.hl td{background:#fff6d6}
.nowrap{white-space:nowrap}td.article{min-width:12rem}td.rule{font-size:.8rem;color:var(--muted);white-space:nowrap}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0 1rem}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
input,select,button{font:inherit;padding:.3rem .5rem;border:1px solid #c9ced6;border-radius:4px}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
.text{white-space:pre-wrap;font-size:1rem;line-height:1.75;max-width:48rem}
.headline{font-weight:700}
.rm{opacity:.45;text-decoration:line-through}
.flag-warning,.flag-error{background:repeating-linear-gradient(135deg,#fff4e5 0 6px,#fdebd3 6px 12px)}.flag-error{outline:1px dashed #b42318}
.ent{border-radius:3px;padding:0 1px}.ent-country{background:#dbe8ff}.ent-person{background:#ffe1d6}.ent-org{background:#e6dcff}.ent-place{background:#d9f5e3}
.time{border-bottom:2px solid #d4a20b}.qty{border-bottom:2px dotted #0a8a7a}
.quote{text-decoration:underline;text-decoration-color:#888;text-underline-offset:3px}
.trigger{font-weight:650;outline:1.5px solid #d0342c;outline-offset:1px;border-radius:2px}
.text .hl,.text :target{background:#ffe58a!important}
.legend span{margin-right:.75rem}
.pill{display:inline-block;padding:0 .4rem;border-radius:9px;background:#f0f2f5;font-size:.8rem}
.sev-error{color:#b42318}.sev-warning{color:#b54708}.sev-info{color:var(--muted)}
.notice{max-width:48rem;border-left:4px solid #b42318;background:#fef3f2;padding:.6rem .9rem;margin:1rem 0}
nav.pages{margin-top:1rem;display:flex;gap:1rem}
`;

export const SCRIPT = `
for (const row of document.querySelectorAll('tr[data-target]')) {
  const el = document.getElementById(row.dataset.target);
  if (!el) continue;
  row.addEventListener('mouseenter', () => { el.classList.add('hl'); row.classList.add('hl'); });
  row.addEventListener('mouseleave', () => { el.classList.remove('hl'); row.classList.remove('hl'); });
}`;
