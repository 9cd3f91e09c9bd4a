"""Outlook charts: the blueprint against what the article records, the 11 dialogue processes, and the
two sides' stated positions issue by issue."""

import textwrap

import altair as alt

from mibook.analysis import outlook
from mibook.charts import style
from mibook.render import BookChart

ALIGNMENT_ORDER = ["converge", "diverge", "unilateral", outlook.NO_POSITION]
ALIGNMENT_COLOURS = ["#009E73", "#D55E00", "#56B4E9", "#eeeeee"]
UNNAMED_COLOUR = "#e6e6e6"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def blueprint_grounding(tables) -> BookChart:
    """Dot matrix: for each blueprint item, what the article already records in the item's theme."""
    cells = outlook.grounding_cells(tables)
    numbers = outlook.key_numbers(tables)
    cells["row_label"] = [f"{_wrap(f'{o}. {item}', 32)}\n{style.THEME_LABELS[t]}" for o, item, t in
                          zip(cells.order, cells["item"], cells.theme, strict=True)]
    cells["column_label"] = [_wrap(label, 10) for label in cells.measure_label]
    missing = [t for t in outlook.CHAPTER_FILES if t not in set(cells.theme)]
    finding = (f"{numbers['items_no_russian_view']} of {numbers['blueprint_items']} blueprint items fall in "
               "themes with no Russian position")
    notes = ["Counts, in each item's theme, of Russia–Pakistan ties in place, named dialogue",
             "processes, issues where both sides converge, and each side's stated positions",
             "(our calculation)."]
    if missing:
        notes[-1] += " No item falls in " + ", ".join(style.THEME_LABELS[t] for t in missing) + "."
    rows = alt.Y("row_label:N", title=None, sort=alt.EncodingSortField("order"),
                 axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=300, labelPadding=8,
                               labelFontSize=12, ticks=False, domain=False))
    columns = alt.X("column_label:N", title=None, sort=list(dict.fromkeys(cells.column_label)),
                    axis=alt.Axis(orient="top", labelAngle=0, labelExpr="split(datum.label, '\\n')",
                                  labelFontSize=11, ticks=False, domain=False, labelPadding=10))
    tooltip = style.claim_tooltip(
        alt.Tooltip("item:N", title="Blueprint item"), alt.Tooltip("theme:N", title="Theme"),
        alt.Tooltip("measure_label:N", title="Measure"), alt.Tooltip("count:Q", title="Count"),
        alt.Tooltip("counted:N", title="Claims counted"))
    base = alt.Chart(cells).encode(x=columns, y=rows, tooltip=tooltip)
    dots = base.transform_filter("datum.count > 0").mark_circle(opacity=0.8).encode(
        size=alt.Size("count:Q", scale=alt.Scale(domain=[0, int(cells["count"].max())], range=[0, 900]),
                      legend=None),
        color=style.theme_colour(),
    )
    counts = base.mark_text(fontSize=12, fontWeight="bold").encode(
        text="count:Q",
        color=alt.condition("datum.count > 0", alt.value("#000"), alt.value("#999")),
    )
    chart = (dots + counts).properties(
        width=5 * 72, height=6 * 56,
        title=alt.Title(finding, subtitle=[*notes, style.source_line(outlook.grounding_paragraphs(tables))]),
        description=(
            f"Dot matrix of the {numbers['blueprint_items']} items of Janjua's blueprint (rows) against five "
            "measures of what the article records in each item's theme (columns): Russia–Pakistan ties in "
            "place, named dialogue processes, issues where both sides' positions converge, and Russian and "
            "Pakistani positions stated. Circle size and the number give the count; a grey zero means none. "
            f"{numbers['items_no_russian_view']} items fall in themes with no Russian position."
        ),
    ).configure_legend(orient="bottom", direction="horizontal", columns=3)
    table = outlook.blueprint_grounding(tables)[["order", "item", "theme", "claim_id",
                                                 *outlook.GROUNDING_LABELS]]
    table = table.rename(columns={"order": "Order", "item": "Item", "theme": "Theme", "claim_id": "Claim",
                                  **outlook.GROUNDING_LABELS})
    return BookChart(chart, "outlook-blueprint-grounding", table)


def process_grid(tables) -> BookChart:
    """Waffle grid of the stated number of dialogue processes: named ones labelled, the rest grey."""
    grid = outlook.process_grid(tables)
    numbers = outlook.key_numbers(tables)
    themes = [t for t in outlook.CHAPTER_FILES if t in set(grid.theme.dropna())]
    grid["category"] = grid.theme.fillna(outlook.UNNAMED)
    grid["label"] = [_wrap(text, 18) for text in grid.text]
    grid["slot_label"] = grid.slot.astype(str)
    grid["quote"] = grid.quote.fillna("(the article names only the processes listed in its quote)")
    plot = grid[["slot", "slot_label", "column", "row", "named", "label", "text", "category", "claim_id",
                 "paragraph", "quote"]].copy()
    plot["claim_id"] = plot.claim_id.fillna("")
    columns = int(grid.column.max()) + 1
    cell_w, cell_h = style.WIDTH / columns, 84
    domain = [*themes, outlook.UNNAMED]
    colour = alt.Color(
        "category:N", title=None, sort=domain,
        scale=alt.Scale(domain=domain, range=[*(style.THEME_COLOURS[t] for t in themes), UNNAMED_COLOUR]),
        legend=alt.Legend(orient="bottom", direction="horizontal", labelExpr=_category_label_expr(themes)),
    )
    x = alt.X("column:O", axis=None, scale=alt.Scale(paddingInner=0.06, paddingOuter=0))
    y = alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0.08, paddingOuter=0))
    tooltip = style.claim_tooltip(alt.Tooltip("slot:Q", title="Process"),
                                  alt.Tooltip("text:N", title="Process as named"))
    base = alt.Chart(plot).encode(x=x, y=y, tooltip=tooltip)
    tiles = base.mark_rect(cornerRadius=3).encode(
        color=colour, opacity=alt.condition("datum.named", alt.value(0.45), alt.value(1.0)),
        stroke=alt.condition("datum.named", alt.value("#333"), alt.value("#bbb")),
        strokeDash=alt.condition("datum.named", alt.value([1, 0]), alt.value([4, 3])),
    )
    labels = base.mark_text(fontSize=12, lineBreak="\n", baseline="top", dy=-cell_h / 2 + 28).encode(
        text="label:N", color=alt.condition("datum.named", alt.value("#000"), alt.value("#777")))
    slots = base.mark_text(fontSize=11, fontWeight="bold", align="left", baseline="top",
                           dx=-cell_w / 2 + 10, dy=-cell_h / 2 + 8, color="#444").encode(text="slot_label:N")
    finding = (f"Janjua counts {numbers['processes_total']} dialogue processes; the article names "
               f"{numbers['processes_named']} ({numbers['processes_named_pct']})")
    chart = (tiles + labels + slots).properties(
        width=style.WIDTH, height=cell_h * (int(grid.row.max()) + 1),
        title=style.title(finding, grid.paragraph.dropna(),
                          note="Unnamed processes are left blank: the article does not list them."),
        description=(
            f"Grid of {numbers['processes_total']} cells, one for each of the bilateral processes for structured "
            f"dialogue Janjua says underpin the relationship. The {numbers['processes_named']} the article names "
            f"are labelled and coloured by theme; the other {numbers['processes_unnamed']} are grey and marked "
            "'not named in the article'."
        ),
    )
    table = grid[["slot", "text", "theme", "claim_id"]].rename(
        columns={"slot": "Process", "text": "As named in the article", "theme": "Theme", "claim_id": "Claim"})
    return BookChart(chart, "outlook-dialogue-processes", table)


def _category_label_expr(themes: list[str]) -> str:
    parts = [f"datum.value === '{t}' ? 'Named: {style.THEME_LABELS[t]}'" for t in themes]
    return " : ".join([*parts, "'Not named in the article'"])


def position_matrix(tables) -> BookChart:
    """Matrix of issue x side coloured by alignment; every cell carries its claim id (or none)."""
    cells = outlook.position_matrix(tables)
    summary = outlook.position_summary(tables)
    actors = tables["actors"].set_index("actor_id")
    cells["side"] = [f"{actors.name[a]} ({str(actors.aliases[a]).split('; ')[0]})" for a in cells.actor_id]
    cells["cell_text"] = cells.claim_id.fillna("—")
    cells["speaker"] = cells.speaker.fillna("")
    side_order = list(dict.fromkeys(cells.side))
    colour = alt.Color(
        "cell:N", title="Stated position", sort=ALIGNMENT_ORDER,
        scale=alt.Scale(domain=ALIGNMENT_ORDER, range=ALIGNMENT_COLOURS),
        legend=alt.Legend(orient="bottom", direction="horizontal", columns=2, labelExpr=(
            "datum.value === 'converge' ? 'Converges' : datum.value === 'diverge' ? 'Diverges' : "
            "datum.value === 'unilateral' ? 'Only this side stated' : 'No position stated'")),
    )
    tooltip = style.claim_tooltip(
        alt.Tooltip("issue:N", title="Issue"), alt.Tooltip("side:N", title="Side"),
        alt.Tooltip("cell:N", title="Alignment"), alt.Tooltip("stance:N", title="Stance (our summary)"),
        alt.Tooltip("speaker:N", title="Voiced by"))
    x = alt.X("side:N", title=None, sort=side_order,
              axis=alt.Axis(orient="top", labelAngle=0, ticks=False, domain=False, labelFontWeight="bold"))
    y = alt.Y("issue:N", title=None, sort=alt.EncodingSortField("issue_rank"),
              axis=alt.Axis(ticks=False, domain=False, labelLimit=300))
    base = alt.Chart(cells).encode(x=x, y=y, tooltip=tooltip)
    tiles = base.mark_rect(stroke="white", strokeWidth=3, opacity=0.75).encode(color=colour)
    text = base.mark_text(fontSize=11).encode(
        text="cell_text:N", color=alt.condition("datum.claim_id", alt.value("#000"), alt.value("#999")))
    diverge = "none diverge" if summary["diverge"] == 0 else f"{summary['diverge']} diverge"
    finding = (f"Both sides' positions are stated on {summary['both_sides']} of {summary['issues']} issues: "
               f"{summary['converge']} converge, {diverge}")
    note = (f"On {summary['one_sentence']} of those issues one sentence states both sides' view. "
            "Each cell shows the claim behind it.")
    chart = (tiles + text).properties(
        width=2 * 150, height=26 * summary["issues"],
        title=style.title(finding, cells.paragraph.dropna(), note=note),
        description=(
            f"Matrix of {summary['issues']} issues (rows) by side, Russia and Pakistan (columns). Each cell is "
            f"coloured by whether that side's stated position converges with the other's, diverges, is the only "
            f"one stated, or is absent, and shows the id of the claim it comes from. Both sides are stated on "
            f"{summary['both_sides']} issues ({summary['converge']} converge, {summary['diverge']} diverge); "
            f"{summary['one_side']} issues have one side only."
        ),
    )
    table = cells[["issue", "side", "cell", "stance", "speaker", "claim_id"]].rename(columns={
        "issue": "Issue", "side": "Side", "cell": "Alignment", "stance": "Stance (our summary)",
        "speaker": "Voiced by", "claim_id": "Claim"})
    return BookChart(chart, "outlook-positions", table)

