"""Leaderboard -> ONE self-contained HTML file (inline CSS, JS and SVG; nothing fetched at view time).

Sortable tables (click a header; click again to reverse), per-task bar charts and a radar chart
per model (matplotlib figures inlined as SVG), and per-dataset confusion matrices as heat-coloured
tables. Opening the page with ``#click=<header id>[,<header id>...]`` clicks those headers on load,
which lets a headless browser test sorting without a driver.
"""

from __future__ import annotations

from html import escape

from ger_plugin import catalog
from ger_plugin.report.leaderboard import MODEL, Cell, Leaderboard, TaskTable
from ger_plugin.report.tables import PAIRS_NOTE, PUBLISHED_NOTE, figures_text

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem;color:#222;max-width:1400px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table.lb{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}
table.lb th,table.lb td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right;white-space:nowrap}
table.lb th{background:#f3f3f3;cursor:pointer;user-select:none}
table.lb th:first-child,table.lb td:first-child{text-align:left}
table.lb th.asc::after{content:" \\25B2"}table.lb th.desc::after{content:" \\25BC"}
tr.ref td{background:#fafafa;color:#555;font-style:italic}
td .ci{color:#888;font-size:.75rem;display:block}
td.flag{background:#fff1e6;color:#a33;outline:2px dashed #d9822b;outline-offset:-3px}
td.partial{color:#a33}
.note{color:#666;font-size:.8rem}
table.pub td{white-space:normal;max-width:26rem;text-align:left;color:#444;background:#f7f9fc}
table.pub td.fig{white-space:nowrap;text-align:right}
tr.holds td{background:#e9f7ec}tr.holds td.verdict{color:#17692b;font-weight:bold}
tr.open td.verdict{color:#888}
details.published{margin:.3rem 0 1rem}details.published summary{cursor:pointer;font-size:.9rem}
.figs{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.figs svg{max-width:100%;height:auto}
table.cm{border-collapse:collapse;font-size:.7rem;margin:.3rem 1rem 1rem 0;display:inline-table}
table.cm td,table.cm th{border:1px solid #eee;padding:2px 4px;text-align:center;min-width:1.8rem}
table.cm caption{font-weight:bold;font-size:.8rem;text-align:left}
"""

_JS = """
function cellKey(td){var v=td.getAttribute('data-sort');if(v===null||v==='')return null;var n=parseFloat(v);return isNaN(n)?v:n;}
function sortTable(th){
  var table=th.closest('table'),idx=Array.prototype.indexOf.call(th.parentNode.children,th);
  var desc=!th.classList.contains('desc');
  table.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc');});
  th.classList.add(desc?'desc':'asc');
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  rows.sort(function(a,b){var x=cellKey(a.cells[idx]),y=cellKey(b.cells[idx]);
    if(x===null&&y===null)return 0;if(x===null)return 1;if(y===null)return -1;
    var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return desc?-c:c;});
  rows.forEach(function(r){body.appendChild(r);});
  table.setAttribute('data-sorted',idx+':'+(desc?'desc':'asc'));
}
document.addEventListener('DOMContentLoaded',function(){
  document.querySelectorAll('table.lb th').forEach(function(th){th.addEventListener('click',function(){sortTable(th);});});
  var m=location.hash.match(/click=([^&]+)/);
  if(m){m[1].split(',').forEach(function(id){var th=document.getElementById(decodeURIComponent(id));if(th)th.click();});}
  document.body.setAttribute('data-ready','1');
});
"""


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _cell_td(cell: Cell | None, threshold: float) -> str:
    if cell is None or cell.value is None:
        return '<td data-sort="">–</td>'
    parts = [f"{cell.value:.2f}" + (f" ± {cell.sd:.2f}" if cell.runs > 1 and cell.sd is not None else "")]
    marks = ("†" if "invalid" in cell.flags else "") + ("‡" if "failed" in cell.flags else "")
    if marks:
        parts[0] += f"<sup>{marks}</sup>"
    if cell.runs > 1:
        same = f", {cell.agreement:.0f}% same" if cell.agreement is not None else ""
        parts.append(f'<span class="ci runs" data-runs="{cell.runs}">{cell.runs} runs{same}</span>')
    title = []
    if cell.ci95:
        parts.append(f'<span class="ci">[{cell.ci95[0]:.1f}, {cell.ci95[1]:.1f}]</span>')
    if cell.note:
        parts.append(f'<span class="ci">{escape(cell.note)}</span>')
    if cell.invalid_rate is not None:
        title.append(f"invalid or empty answers {cell.invalid_rate:.1f}%, failed calls {cell.failed_rate:.1f}%")
    if cell.flags:
        title.append(f"above the {threshold:g}% threshold: not comparable")
    if cell.source:
        title.append(f"from {cell.source}")
    title.append(f"protocol: {cell.protocol}")
    cls = ' class="flag"' if cell.flags else ""
    return (f'<td{cls} data-sort="{_num(cell.value)}" data-protocol="{escape(cell.protocol)}" '
            f'title="{escape("; ".join(title))}">{"".join(parts)}</td>')


def _row_th(name: str, is_reference: bool) -> str:
    return f'<td data-sort="{escape(name)}">{escape(name)}{" <small>(reference)</small>" if is_reference else ""}</td>'


def _task_table(table: TaskTable, threshold: float) -> str:
    tid = f"T{table.table_number}"
    head = [f'<th id="{tid}-h0">Model</th>'] + [
        f'<th id="{tid}-h{i + 1}" title="{escape(c.dataset)}">{escape(c.title)}<br><small>{escape(c.paper_metric)}'
        f'{"" if c.in_score else " (not scored)"}</small></th>' for i, c in enumerate(table.columns)]
    body = []
    for row in table.rows:
        cls = ' class="ref"' if row.is_reference else ""
        tds = [_row_th(row.name, row.is_reference)] + [_cell_td(row.cells.get(c.key), threshold) for c in table.columns]
        body.append(f"<tr{cls} data-row=\"{escape(row.name)}\">{''.join(tds)}</tr>")
    return (f'<h2 id="task-{tid}">Table {table.table_number}: {escape(table.task.title)}</h2>'
            f'<table class="lb" id="table-{tid}"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>{_published_table(table)}')


def _published_table(table: TaskTable) -> str:
    """Newer models as published, beside (below) our rows: a separate table, never sorted into ours."""
    if not table.published:
        return ""
    tid = f"P{table.table_number}"
    head = "".join(f'<th id="{tid}-h{i}">{h}</th>' for i, h in enumerate(
        ("Model (published)", "Dataset", "Figures", "Setting", "Protocol", "Source", "Caveats")))
    body = []
    for r in table.published:
        protocol = "<br>".join(f"<b>{escape(k)}</b>: {escape(v)}" for k, v in r.protocol.items())
        link = f'{escape(r.source.paper)} <small>({escape(r.source.url)})</small>'  # text, not a link: nothing fetched
        arxiv = f", arXiv {escape(r.source.arxiv)}" if r.source.arxiv else ""
        caveats = "".join(f"<li>{escape(c)}</li>" for c in r.caveats)
        body.append(
            f'<tr data-row="{escape(r.model)}" data-dataset="{escape(r.dataset)}">'
            f'<td data-sort="{escape(r.model)}">{escape(r.model)}</td><td>{escape(r.dataset)}</td>'
            f'<td class="fig">{escape(figures_text(r))}</td><td>{escape(r.setting)}</td><td>{protocol}</td>'
            f'<td>{link}{arxiv}, {escape(r.source.table)}</td><td><ul>{caveats}</ul></td></tr>')
    return (f'<details class="published" open><summary><b>Published results on these datasets</b> '
            f"({len(table.published)} rows as their sources report them; not ranked)</summary>"
            f'<table class="lb pub" id="table-published-{table.table_number}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></details>')


def _pairs_table(board: Leaderboard) -> str:
    if not board.pairs:
        return '<p class="note">No paired comparisons: fewer than two models with per-sample files share a dataset.</p>'
    head = "".join(f'<th id="D-h{i}">{h}</th>' for i, h in enumerate(
        ("Dataset", "Metric", "Model A", "Model B", "A − B", "95% CI", "p", "p (Holm)", "Test", "Items",
         f"Difference (α = {board.alpha:g})")))
    body = []
    for p in board.pairs:
        cls = "holds" if p.holds else "open"
        verdict = "✓ holds" if p.holds else "not shown"
        body.append(
            f'<tr class="{cls}" data-row="{escape(p.model_a)} vs {escape(p.model_b)}" data-holds="{int(p.holds)}">'
            f'<td>{escape(p.dataset)}</td><td>{escape(p.metric)}</td><td>{escape(p.model_a)}</td>'
            f'<td>{escape(p.model_b)}</td><td data-sort="{p.diff:.4f}">{p.diff:+.2f}</td>'
            f'<td>[{p.ci[0]:.1f}, {p.ci[1]:.1f}]</td><td data-sort="{p.p_value:.6g}">{p.p_value:.3g}</td>'
            f'<td data-sort="{p.p_holm:.6g}">{p.p_holm:.3g}</td><td>{escape(p.test)}</td><td>{p.n}</td>'
            f'<td class="verdict">{verdict}</td></tr>')
    return (f'<table class="lb" id="table-pairs"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
            f'</table><p class="note">{escape(PAIRS_NOTE)}</p>')


def _summary_td(value: float | None, partial: bool) -> str:
    if value is None:
        return '<td data-sort="">–</td>'
    cls = ' class="partial" title="partial: some datasets or tasks missing"' if partial else ""
    return f'<td{cls} data-sort="{_num(value)}">{value:.2f}{" (partial)" if partial else ""}</td>'


def _summary_table(board: Leaderboard) -> str:
    tasks = [t.task for t in board.tables]
    head = ['<th id="S-h0">Model</th>'] + [
        f'<th id="S-h{i + 1}">{escape(t.title)}<br><small>Table {board.table(t).table_number}</small></th>'
        for i, t in enumerate(tasks)] + [f'<th id="S-h{len(tasks) + 1}">GER score</th>']
    body = []
    for s in board.summary:
        cls = ' class="ref"' if s.kind != MODEL else ""
        tds = [_row_th(s.name, s.kind != MODEL)] + [_summary_td(s.task_means[t.group], s.task_partial[t.group])
                                                    for t in tasks] + [_summary_td(s.ger_score, s.partial)]
        body.append(f"<tr{cls} data-row=\"{escape(s.name)}\">{''.join(tds)}</tr>")
    return (f'<table class="lb" id="table-summary"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _ablation_tables(board: Leaderboard) -> str:
    """Per multimodal release: each model's V / A / T / VT / AV / AVT scores side by side."""
    if not board.ablations:
        return ""
    out = ['<h2 id="ablation">Modality ablation</h2><p class="note">Each model\'s primary score on one '
           "release per input: V video, A sound, T transcript, and their combinations (VT is the paper's "
           "multimodal setting).</p>"]
    for ab in board.ablations:
        head = ["<th>Model</th>"] + [f'<th title="{escape(name)}">{escape(letters)}</th>' for letters, name in ab.columns]
        body = [f"<tr data-row=\"{escape(r.name)}\">{_row_th(r.name, False)}"
                + "".join(_cell_td(r.cells.get(letters), board.flag_threshold) for letters, _ in ab.columns) + "</tr>"
                for r in ab.rows]
        out.append(f"<h3>{escape(ab.release)} ({escape(ab.paper_metric)})</h3>"
                   f'<table class="lb" id="ablation-{escape(ab.release)}"><thead><tr>{"".join(head)}</tr></thead>'
                   f'<tbody>{"".join(body)}</tbody></table>')
    return "".join(out)


def _confusion_tables(board: Leaderboard) -> str:
    out = []
    order = list(catalog.DATASETS)  # the paper's table order
    for dataset in sorted({p.dataset for p in board.confusions}, key=order.index):
        out.append(f'<h3>{escape(dataset)}</h3><div class="cms">')
        for panel in (p for p in board.confusions if p.dataset == dataset):
            conf = panel.confusion
            head = "".join(f"<th>{escape(c)}</th>" for c in conf.columns)
            rows = []
            for label, counts in zip(conf.labels, conf.matrix):
                total = max(sum(counts), 1)
                tds = "".join(
                    f'<td style="background:rgba(31,119,180,{c / total:.2f});color:{"#fff" if c / total > .6 else "#222"}">{c}</td>'
                    for c in counts)
                rows.append(f"<tr><th>{escape(label)}</th>{tds}</tr>")
            out.append(f'<table class="cm" data-dataset="{escape(dataset)}" title="from {escape(panel.source)}">'
                       f"<caption>{escape(panel.row)}</caption><tr><th>gold \\ pred</th>{head}</tr>{''.join(rows)}</table>")
        out.append("</div>")
    return "".join(out) or '<p class="note">No confusion matrices in the results.</p>'


def _figures(board: Leaderboard) -> tuple[str, str]:
    """(bar charts, radar charts) as inline SVG; a note instead when matplotlib is absent."""
    from ger_plugin.report import plots

    try:
        bars = "".join(f'<div class="fig" id="bar-T{t.table_number}">{plots.figure_svg(plots.task_bar_figure(t))}</div>'
                       for t in board.tables)
        radars = "".join(
            f'<div class="fig radar" data-row="{escape(s.name)}">{plots.figure_svg(plots.radar_figure(board, s.name))}</div>'
            for s in board.summary if s.kind == MODEL)
    except ModuleNotFoundError as exc:
        note = f'<p class="note">Figures omitted: {escape(str(exc))} (pip install matplotlib).</p>'
        return note, note
    return bars, radars or '<p class="note">No models yet.</p>'


def _fmt(value: float | None, signed: bool = False) -> str:
    return "–" if value is None else (f"{value:+.2f}" if signed else f"{value:.2f}")


def _open_vocabulary_table(board: Leaderboard) -> str:
    if not board.open_vocabulary:
        return '<p class="note">No result file carries an open-vocabulary score yet.</p>'
    wheels = sorted({w for r in board.open_vocabulary for w in r.per_wheel})
    head = "".join(f"<th>{escape(h)}</th>" for h in ["Model", "Dataset", "Metric", "Open vocabulary",
                                                        *(f"hit {w}" for w in wheels), "GER standard"])
    body = "".join(
        f'<tr data-protocol="{escape(r.protocol)}"><td>{escape(r.row)}</td><td>{escape(r.dataset)}</td>'
        f"<td>{escape(r.metric)}</td><td data-sort=\"{_num(r.value)}\">{_fmt(r.value)}</td>"
        + "".join(f"<td>{_fmt(r.per_wheel.get(w))}</td>" for w in wheels)
        + f'<td data-protocol="ger">{_fmt(r.ger_value)}</td></tr>' for r in board.open_vocabulary)
    return f'<table class="lb" id="table-open-vocabulary"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _robustness_table(board: Leaderboard) -> str:
    if not board.robustness:
        return '<p class="note">No corruption (<code>_Blur3</code> ...) or prompt (<code>_P1</code>, <code>_P2</code>) runs found.</p>'
    head = "".join(f"<th>{h}</th>" for h in ["Model", "Dataset", "Variant", "Metric", "Clean", "Variant score",
                                             "Drop (points)", "Flip rate %", "Samples compared"])
    body = "".join(
        f'<tr data-protocol="ger"><td>{escape(r.model)}</td><td>{escape(r.dataset)}</td><td>{escape(r.variant)}</td>'
        f"<td>{escape(r.metric)}</td><td>{_fmt(r.clean)}</td><td>{_fmt(r.score)}</td>"
        f'<td data-sort="{_num(r.drop)}">{_fmt(r.drop, signed=True)}</td>'
        f'<td data-sort="{_num(r.flip_rate)}">{_fmt(r.flip_rate)}</td><td>{r.n_compared}</td></tr>'
        for r in board.robustness)
    return f'<table class="lb" id="table-robustness"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_html(board: Leaderboard, title: str = "GER leaderboard") -> str:
    bars, radars = _figures(board)
    skipped = ""
    if board.skipped:
        skipped = "<h2>Skipped files</h2><ul>" + "".join(
            f"<li><code>{escape(p)}</code>: {escape(w)}</li>" for p, w in board.skipped) + "</ul>"
    sources = "".join(
        f"<tr><td>{escape(s['row'])}</td><td>{escape(s['dataset'])}</td><td>{escape(s['ran_as'])}</td>"
        f"<td>{escape(s.get('repeat', ''))}</td><td>{escape(s.get('seed', ''))}</td>"
        f"<td>{escape(s.get('temperature', ''))}</td>"
        f"<td><code>{escape(s['file'])}</code></td><td>{escape(s['created'])}</td></tr>" for s in board.sources)
    where = f" from <code>{escape(board.work_dir)}</code>" if board.work_dir else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="note">Results{where}; newest run per model, dataset and variant. Click a column header to sort.
Cells show the score and its bootstrap 95% CI; † rate of invalid or empty answers and ‡ failed-call rate above
{board.flag_threshold:g}% (outlined cells: not comparable). <i>Italic rows</i> are references:
GPT-4V and the best supervised method as published (the paper's own protocol; GPT-4V on answered samples
only), and chance (the expected score of guessing uniformly).</p>
<h2 id="summary">Summary</h2>
{_summary_table(board)}
<p class="note">GER score = mean over the five tasks of the mean over each task's paper datasets of the
primary metric (acc, WAR or WF1; GER standard protocol). Partial = some datasets or tasks missing: not comparable.</p>
{"".join(_task_table(t, board.flag_threshold) for t in board.tables)}
<p class="note">{escape(PUBLISHED_NOTE)}</p>
<h2 id="pairs">Paired comparisons</h2>
{_pairs_table(board)}
{_ablation_tables(board)}
<h2 id="open-vocabulary">Open-vocabulary protocol</h2>
<p class="note">The same runs scored on free emotion words: each answer's words (the parsed label, else every
emotion word of a free answer) go through an emotion-wheel synonym graph; a hit when the gold label's cluster is
among them, averaged over the wheels (after MER-UniBench). Not comparable with the closed-set scores.</p>
{_open_vocabulary_table(board)}
<h2 id="robustness">Robustness and prompt sensitivity</h2>
<p class="note">Each variant run beside the same model's clean run: drop = clean minus variant score (GER standard
protocol, primary metric); flip rate = share of samples whose parsed answer changed.</p>
{_robustness_table(board)}
<h2 id="protocols">Protocols</h2>
<dl>{"".join(f"<dt><code>{escape(k)}</code></dt><dd>{escape(v)}</dd>" for k, v in board.protocols.items())}</dl>
<h2 id="bars">Per-task bar charts</h2><div class="figs">{bars}</div>
<h2 id="radars">Per-model radar charts</h2><div class="figs">{radars}</div>
<h2 id="confusions">Confusion matrices</h2>{_confusion_tables(board)}
<h2 id="sources">Sources</h2>
<table class="lb" id="table-sources"><thead><tr><th>Row</th><th>Dataset</th><th>Ran as</th><th>Repeat</th><th>Seed</th><th>Temperature</th><th>File</th><th>Created</th></tr></thead>
<tbody>{sources}</tbody></table>
{skipped}
<script>{_JS}</script>
</body></html>
"""
