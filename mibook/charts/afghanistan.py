"""Afghanistan charts: the thread of Afghanistan statements by kind, and its weight in each paragraph."""

import altair as alt

from mibook import style
from mibook.analysis import afghanistan
from mibook.analysis.common import pilcrow
from mibook.charts.grid import statement_grid
from mibook.labels import speaker_name
from mibook.render import BookChart

PARTS = {"thread_claims": "Afghanistan thread", "other_claims": "Other claims"}
VOICE_SHAPES = {speaker_name("author"): "circle:filled", speaker_name("janjua"): "circle:open"}


def thread(tables) -> BookChart:
    """Each Afghanistan statement (rows, article order) in the column of its kind; shape says who speaks."""
    rows = afghanistan.thread(tables)
    numbers = afghanistan.key_numbers(tables)
    frame = rows.assign(row_label=rows.paragraph.map(pilcrow) + " " + rows["item"],
                        voice=rows.speaker.map(speaker_name))
    finding = [f"{numbers['shared_positions']} agreements, both qualified by \"appears\";",
               f"{numbers['shared_challenges']} problems both face"]
    description = (
        f"Grid of the {len(rows)} Afghanistan statements in article order, each marked in the column of its kind: "
        + "; ".join(f"{int((rows.kind == k).sum())} {k.lower()}" for k in afghanistan.KINDS if k in set(rows.kind))
        + ". A filled circle is the author's statement, an open circle Janjua's as reported."
    )
    table = frame[["paragraph", "item", "kind", "acts", "voice"]].rename(columns={
        "paragraph": "¶", "item": "Statement (our label)", "kind": "Kind", "acts": "Who", "voice": "Speaker"})
    kinds = [k for k in afghanistan.KINDS if k in set(rows.kind)]
    return statement_grid(frame, name="afghanistan-thread", column="kind", columns=kinds,
                          shape="voice", shapes=VOICE_SHAPES, description=description, table=table,
                          title=style.title(finding, rows.paragraph))


def paragraph_weight(tables) -> BookChart:
    """Stacked bars, one per paragraph: the claims of the Afghanistan thread (dark) and the rest (light)."""
    weight = afghanistan.paragraph_weight(tables)
    numbers = afghanistan.key_numbers(tables)
    long = weight.melt(id_vars=["paragraph", "names_afghanistan"], value_vars=["thread_claims", "other_claims"],
                       var_name="part", value_name="claims")
    long["part"] = long.part.map(PARTS)
    long["label"] = long.paragraph.map(pilcrow)
    majority = afghanistan.prose_numbers(tables)["majority_paragraphs"]
    finding = [f"Afghanistan or the Afghan conflict comes up in {numbers['named_paragraphs']} of "
               f"{numbers['body_paragraphs']} paragraphs",
               f"and carries half the claims or more only in {majority}"]
    order = list(PARTS.values())
    base = alt.Chart(long).encode(
        y=alt.Y("label:N", sort=list(weight.paragraph.map(pilcrow)), title="Paragraph of the article"),
        x=alt.X("claims:Q", stack=True, title="Claims", axis=alt.Axis(tickMinStep=1)),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("label:N", title="¶"), alt.Tooltip("part:N", title="Part"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).transform_calculate(rank=f"indexof({order!r}, datum.part)")
    bars = base.mark_bar(stroke="#222", strokeWidth=0.8).encode(
        fill=alt.Fill("part:N", title=None, sort=order, scale=alt.Scale(domain=order, range=["#333", "#ffffff"]),
                      legend=alt.Legend(orient="bottom", direction="horizontal", symbolStrokeColor="#222")))
    chart = bars.properties(
        width=style.WIDTH - 80, height=22 * len(weight), title=style.title(finding, weight.paragraph),
        description=(
            "Stacked bar chart, one bar per paragraph of the article, splitting its claims into those of the "
            "Afghanistan thread (dark) and the rest (white): " + "; ".join(
                f"{pilcrow(r.paragraph)} {r.thread_claims} of {r.thread_claims + r.other_claims}"
                for r in weight.itertuples()) + "."
        ),
    )
    table = weight.assign(paragraph=weight.paragraph.map(pilcrow),
                          names_afghanistan=weight.names_afghanistan.map({True: "yes", False: "no"}))
    return BookChart(chart, "afghanistan-paragraph-weight", table.rename(columns={
        "paragraph": "¶", "thread_claims": "Afghanistan thread", "other_claims": "Other claims",
        "names_afghanistan": "Names Afghanistan"}))
