"""Overview charts: the article's claims by theme and type, and the timeline of dated events."""

import altair as alt
import pandas as pd

from mibook.analysis import overview
from mibook.charts import style
from mibook.render import BookChart

TYPE_ORDER = ["event", "figure", "background", "assessment", "proposal"]
PRECISION_ORDER = ["year", "part-of-year", "month", "part-of-month", "range"]


def claims_by_theme_and_type(claims: pd.DataFrame) -> BookChart:
    """Stacked bars: claims per theme, split by claim type."""
    shares = overview.type_shares(claims)
    counts = (
        claims.groupby(["theme", "claim_type"], observed=True).size().rename("claims").reset_index()
        .astype({"theme": str, "claim_type": str})
    )
    finding = (
        f"{shares['judgements']} of {shares['total']} claims judge or propose; "
        f"{shares['facts']} report events or figures"
    )
    chart = (
        alt.Chart(counts, description=(
            f"Stacked bar chart of the article's {shares['total']} claims by theme, coloured by claim type: "
            f"{shares['facts']} events or figures, {shares['judgements']} assessments or proposals, "
            f"{shares['background']} background."
        ))
        .mark_bar()
        .encode(
            y=alt.Y("theme:N", title=None, sort=list(style.THEME_LABELS),
                    axis=alt.Axis(labelExpr=_theme_label_expr())),
            x=alt.X("claims:Q", title="Claims", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("claim_type:N", title="Claim type", sort=TYPE_ORDER,
                            scale=alt.Scale(domain=TYPE_ORDER, range=style.PALETTE[: len(TYPE_ORDER)])),
            order=alt.Order("type_rank:Q"),
            tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("claim_type:N", title="Type"),
                     alt.Tooltip("claims:Q", title="Claims")],
        )
        .transform_calculate(type_rank=f"indexof({TYPE_ORDER!r}, datum.claim_type)")
        .properties(width=style.WIDTH, height=220, title=style.title(finding, claims.paragraph))
    )
    table = counts.rename(columns={"theme": "Theme", "claim_type": "Claim type", "claims": "Claims"})
    return BookChart(chart, "overview-claims-by-theme-and-type", table)


def event_timeline(events: pd.DataFrame, claims: pd.DataFrame) -> BookChart:
    """Dated events as spans as wide as the article's wording allows; undated ones listed below."""
    dated = overview.timeline(events, claims)
    undated = overview.undated_events(events, claims)
    dated_plot = dated.assign(
        start=dated.date_start.dt.strftime("%Y-%m-%d"),
        end=dated.end_exclusive.dt.strftime("%Y-%m-%d"),
    )[["event_id", "label", "date_label", "date_precision", "start", "end", "claim_id", "paragraph", "quote"]]
    dated_plot = dated_plot.astype({"date_precision": str})
    finding = f"{len(dated)} events carry a date, {len(undated)} do not; most dates are spans, not days"
    tooltip = style.claim_tooltip(alt.Tooltip("label:N", title="Event"),
                                  alt.Tooltip("date_label:N", title="Date as written"),
                                  alt.Tooltip("date_precision:N", title="Precision"))
    row = alt.Y("label:N", title=None, sort=alt.EncodingSortField("start"), axis=None,
                scale=alt.Scale(paddingInner=0.55, paddingOuter=0.4))
    domain = [f"{dated.date_start.dt.year.min()}-01-01", f"{dated.date_end.dt.year.max() + 1}-01-01"]
    base = alt.Chart(dated_plot).encode(y=row, tooltip=tooltip)
    spans = base.mark_bar(opacity=0.8).encode(
        x=alt.X("start:T", title=None, scale=alt.Scale(domain=domain),
                axis=alt.Axis(format="%Y", tickCount="year", grid=True)),
        x2="end:T",
        color=alt.Color("date_precision:N", title="Date precision", sort=PRECISION_ORDER,
                        scale=alt.Scale(domain=PRECISION_ORDER, range=style.PALETTE[: len(PRECISION_ORDER)]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
    )
    event_names = base.mark_text(align="left", baseline="bottom", dy=-9, fontSize=12).encode(
        x=alt.value(0), text="label:N")
    date_labels = base.mark_text(align="left", dx=4, fontSize=11, color="#444").encode(x="end:T", text="date_label:N")
    timeline = (spans + event_names + date_labels).properties(width=style.WIDTH, height=44 * len(dated_plot))
    undated_list = undated.assign(line=[f"• {label} (¶{p})" for label, p in zip(undated.label, undated.paragraph,
                                                                                  strict=True)])
    listing = (
        alt.Chart(undated_list.assign(rank=range(len(undated_list)))[["line", "rank", "claim_id", "paragraph",
                                                                      "quote", "label"]])
        .mark_text(align="left", baseline="middle", fontSize=11)
        .encode(x=alt.value(0), y=alt.Y("rank:O", axis=None), text="line:N",
                tooltip=style.claim_tooltip(alt.Tooltip("label:N", title="Event")))
        .properties(width=style.WIDTH, height=18 * max(1, len(undated_list)),
                    title=alt.Title("Not dated in the article (not placed on the axis)", fontSize=12))
    )
    chart = alt.vconcat(timeline, listing, spacing=24, description=(
        f"Timeline of the {len(dated)} dated events in the article, each drawn as a span as wide as its "
        f"wording allows (year, part of a year, month, part of a month, or a range of years), followed by a "
        f"list of the {len(undated)} events the article leaves undated."
    )).properties(title=style.title(finding, pd.concat([dated.paragraph, undated.paragraph])))
    table = pd.concat([
        dated[["event_id", "label", "date_label", "date_precision", "date_start", "date_end", "claim_id"]],
        undated[["event_id", "label", "date_label", "date_precision", "date_start", "date_end", "claim_id"]],
    ]).astype({"date_precision": str})
    table["date_start"] = table.date_start.dt.strftime("%Y-%m-%d")
    table["date_end"] = table.date_end.dt.strftime("%Y-%m-%d")
    return BookChart(chart, "overview-event-timeline", table)


def _theme_label_expr() -> str:
    return " : ".join(f"datum.value === '{t}' ? '{label}'" for t, label in style.THEME_LABELS.items()) + \
        " : datum.value"
