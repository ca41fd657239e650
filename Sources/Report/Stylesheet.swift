/// The report's only stylesheet, inlined so the file needs nothing else. Readable on screen,
/// legible in black and white on paper.
let stylesheet = """
:root { --ink: #1d2430; --muted: #5b6575; --rule: #dde2ea; --paper: #ffffff; --code-bg: #f6f8fb;
  --accent: #2c5fb3; --bad: #b42318; --bad-bg: #fff4f2; --warn: #8a5a00; --warn-bg: #fff9eb; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0 auto; max-width: 56rem; padding: 2.5rem 1.5rem 4rem; color: var(--ink); background: var(--paper);
  font: 1rem/1.6 -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; }
h1 { font-size: 1.9rem; } h2 { font-size: 1.45rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1.15rem; }
a { color: var(--accent); }
code, pre { font-family: "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .86rem; }
:not(pre) > code { background: var(--code-bg); padding: .1em .3em; border-radius: 3px; }
pre { margin: 0; padding: .75rem 1rem; overflow-x: auto; line-height: 1.45; }
.prose pre { background: var(--code-bg); border-radius: 6px; }
.title-block { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: 1rem; }
.title-block .title { margin-top: 0; font-size: 2.2rem; }
.subtitle { font-size: 1.2rem; color: var(--muted); margin: .25rem 0; }
.byline { color: var(--muted); margin: .25rem 0; }
.run-status.failed { background: var(--bad-bg); color: var(--bad); border-left: 4px solid var(--bad);
  padding: .5rem .75rem; }
.toc { background: var(--code-bg); border-radius: 6px; padding: .5rem 1.25rem 1rem; margin-bottom: 2rem; }
.toc h2 { font-size: 1rem; border: 0; margin: .5rem 0; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); }
.toc ul { list-style: none; margin: 0; padding: 0; }
.toc .toc-2 { padding-left: 1.25rem; } .toc .toc-3 { padding-left: 2.5rem; font-size: .92rem; }
.cell { margin: 1.25rem 0; border: 1px solid var(--rule); border-radius: 6px; overflow: hidden; }
.cell details.code > summary { cursor: pointer; list-style: none; display: flex; gap: .75rem; align-items: baseline;
  padding: .3rem .75rem; background: #eef1f6; color: var(--muted); font-size: .8rem;
  border-bottom: 1px solid var(--rule); }
.cell details.code > summary::-webkit-details-marker { display: none; }
.cell details.code > summary::before { content: "▾"; }
.cell details.code:not([open]) > summary::before { content: "▸"; }
.cell details.code:not([open]) > summary { border-bottom: 0; }
.cell .number { font-family: monospace; color: var(--accent); }
.cell .label { font-weight: 600; color: var(--ink); }
.cell .line { margin-left: auto; } .cell .time { min-width: 4.5rem; text-align: right; }
.cell pre code { background: none; padding: 0; }
.cell > details > pre { background: var(--code-bg); }
.outputs { padding: .5rem 0; }
.outputs pre.out { padding: .25rem 1rem; white-space: pre-wrap; }
.outputs .md { padding: 0 1rem; }
.table-wrap { overflow-x: auto; padding: .25rem 1rem; }
table.data { border-collapse: collapse; font-size: .88rem; margin: .25rem 0; font-variant-numeric: tabular-nums; }
table.data caption { text-align: left; font-weight: 600; padding-bottom: .25rem; white-space: nowrap; }
table.data th, table.data td { padding: .25rem .75rem; border-bottom: 1px solid var(--rule); text-align: left; }
table.data th { border-bottom: 2px solid var(--ink); }
table.data .num { text-align: right; }
figure { margin: .5rem 1rem; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: var(--muted); }
.error { background: var(--bad-bg); border-top: 1px solid #f3c8c2; }
code.inline-error { background: var(--bad-bg); color: var(--bad); }
code.inline-not-run { color: var(--muted); text-decoration: line-through; }
.error pre { color: var(--bad); white-space: pre-wrap; }
.allowed-error .error { background: var(--warn-bg); border-top-color: #f0dca8; }
.allowed-error .error pre { color: var(--warn); }
.error .note { margin: .5rem 1rem 0; font-size: .85rem; color: var(--muted); }
.not-run { opacity: .6; } .not-run-note { margin: .5rem 1rem; font-style: italic; color: var(--muted); }
.cache-note { margin: .5rem 1rem; font-size: .9em; color: var(--muted); }
.c { color: #6a737d; font-style: italic; } .k { color: #a3238e; font-weight: 600; } .s { color: #1a7f37; }
.n { color: #0b5cad; } .t { color: #6f42c1; } .m { color: #b35900; }
.run-facts { margin-top: 3rem; border-top: 2px solid var(--ink); font-size: .88rem; color: var(--muted); }
.run-facts h2 { font-size: 1rem; border: 0; }
.run-facts dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.25rem; }
.run-facts dt { font-weight: 600; color: var(--ink); } .run-facts dd { margin: 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .title-block { break-inside: avoid; }
  .toc, .cell { break-inside: avoid-page; }
  figure, .chart, .table-wrap, table, tr, .error, details.code > summary { break-inside: avoid; }
  h1, h2, h3, h4, details.code > summary, caption { break-after: avoid; }
  pre, pre code { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
  .table-wrap { overflow: visible; }
  .cell details.code > summary { cursor: auto; }
  .cell details.code > summary::before { content: ""; }
  .cell-times { display: none; }
  a { color: inherit; text-decoration: none; }
  .run-status.failed, .error { border: 1px solid var(--bad); }
  .k, .t { font-weight: 700; } .c { font-style: italic; }
  @page { margin: 16mm 15mm 18mm;
    @bottom-center { content: counter(page) " / " counter(pages); font: 9pt Arial, sans-serif; color: #5b6575; } }
}
"""
