"""The defence chart: the ties among Russia, Pakistan, India and the US, by pair and kind."""

import textwrap

import altair as alt

from mibook import style
from mibook.analysis import defence
from mibook.analysis.common import paragraph_list
from mibook.charts.layout import split_label
from mibook.render import BookChart

KINDS = list(defence.KIND_LABELS.values())


def pair_ties(tables) -> BookChart:
    """Ties among Russia, Pakistan, India and the US: one row per pair, one column per kind of tie."""
    cells = defence.pair_ties(tables)
    numbers = defence.prose_numbers(tables)
    tied = cells[cells.ties > 0]
    pairs = list(dict.fromkeys(cells.pair))
    plot = cells.assign(kind=cells.kind.fillna(KINDS[0]),
                        text=cells.text.map(_cell_lines),
                        filled=cells.ties > 0)
    x = alt.X("kind:N", sort=KINDS, scale=alt.Scale(domain=KINDS), title=None,
              axis=alt.Axis(orient="top", labelAngle=0, domain=False, ticks=False, labelFontWeight="bold",
                            labelExpr=split_label(" "), labelPadding=12))
    y = alt.Y("pair:N", sort=pairs, title=None, axis=alt.Axis(domain=False, ticks=False, labelFontSize=12))
    tooltip = [alt.Tooltip("pair:N", title="Pair"), alt.Tooltip("kind:N", title="Kind of tie"),
               alt.Tooltip("text:N", title="Ties"), alt.Tooltip("claims:N", title="Claims")]
    base = alt.Chart(plot).encode(x=x, y=y, tooltip=tooltip)
    boxes = base.transform_filter("datum.filled").mark_rect(
        stroke="#555555", strokeWidth=1, cornerRadius=2, color=style.THEME_COLOURS["defence"] + "55")
    text = base.mark_text(fontSize=10, lineBreak="\n").encode(
        text="text:N", color=alt.condition("datum.filled", alt.value("#111111"), alt.value("#6b6b6b")))
    description = (
        f"Grid of the {len(pairs)} pairs among Russia, Pakistan, India and the United States against the kind of "
        f"tie the article states between them. {numbers['tied_pairs']} pairs are tied, {numbers['india_pairs']} of "
        "them with India: " + "; ".join(f"{r.pair}, {r.kind.lower()}: {r.text}" for r in tied.itertuples())
        + ". " + "; ".join(f"{p}: no tie stated" for p in cells[cells.ties == 0].pair) + "."
    )
    finding = [f"India is in {numbers['india_pairs']} of the {numbers['tied_pairs']} pairs with a stated tie, "
               "and Russia cooperates", "with both India and Pakistan"]
    paragraphs = tables["claims"].set_index("claim_id").paragraph[
        sorted({c for text in tied.claims for c in text.split(", ")})]
    chart = alt.layer(boxes, text).properties(
        width=style.WIDTH - 150, height=48 * len(pairs), description=description,
        title=style.title(finding, paragraphs,
                          note="Russia–Pakistan: defence ties only; other pairs: every tie the article states."),
    ).configure_scale(bandPaddingInner=0.1)
    paragraph_of = tables["claims"].set_index("claim_id").paragraph

    def marks(ids: str) -> str:
        return paragraph_list(sorted({int(paragraph_of[c]) for c in ids.split(", ")}), last=", ") if ids else ""

    cells = cells.assign(paragraphs=cells.claims.map(marks))
    table = cells.rename(columns={"pair": "Pair", "kind": "Kind of tie", "text": "Ties", "paragraphs": "¶"})
    phone = _pair_list(plot, tooltip).properties(description=description, title=chart.title)
    return BookChart(chart, "defence-pair-ties", table[["Pair", "Kind of tie", "Ties", "¶"]], narrow_chart=phone)


PHONE_ROW = 62  # px per pair and kind in the phone form


def _pair_list(plot, tooltip) -> alt.LayerChart:
    """The phone form of the grid: one boxed entry per pair and kind of tie, the pair in bold above it."""
    rows = plot.assign(entry=range(len(plot)),
                       detail=[f"{k}: {t}" if f else t for k, t, f in zip(plot.kind, plot.text.str.replace(",\n", ", "),
                                                                        plot.filled, strict=True)])
    rows["detail"] = rows.detail.map(lambda text: "\n".join(textwrap.wrap(text, 42)))
    y = alt.Y("entry:O", axis=None, scale=alt.Scale(paddingInner=0.12, paddingOuter=0))
    base = alt.Chart(rows).encode(y=y, tooltip=tooltip)
    boxes = base.transform_filter("datum.filled").mark_rect(
        stroke="#555555", strokeWidth=1, cornerRadius=2, color=style.THEME_COLOURS["defence"] + "55",
        x=0, x2=style.NARROW_WIDTH - 10)
    pair = base.mark_text(align="left", baseline="bottom", dy=-2, x=6, fontWeight="bold", lineBreak="\n").encode(
        text="pair:N")
    detail = base.mark_text(align="left", baseline="top", dy=2, x=6, lineBreak="\n").encode(
        text="detail:N", color=alt.condition("datum.filled", alt.value("#111111"), alt.value("#6b6b6b")))
    return alt.layer(boxes, pair, detail).properties(width=style.NARROW_WIDTH - 10, height=PHONE_ROW * len(rows))


def _cell_lines(text: str) -> str:
    """A grid cell's text on short lines: one per status count, a label wrapped to fit the column."""
    return ",\n".join(textwrap.fill(part, 16) for part in text.split(", "))
