"""The overview's numbers: who speaks in the article, what kind of claims it makes, who is tied to
whom (aggregated by pair and kind, so no layout is needed), and its dated events."""

import pandas as pd

from mibook.analysis import afghanistan, outlook
from mibook.analysis.common import (
    FACT_TYPES,
    RUSSIAN_VOICES,
    in_dollars,
    money,
    paragraph_list,
    pilcrow,
    quantity,
    with_evidence,
)
from mibook.labels import THEME_LABELS, speaker_name

JUDGEMENT_TYPES = ("assessment", "proposal")
TYPE_GROUPS = {"event": "Events and figures", "figure": "Events and figures", "assessment": "Assessments",
               "proposal": "Proposals", "background": "Background"}
KIND_LABELS = {"cooperation": "Cooperation", "alignment": "Alignment", "support": "Support",
               "mediation": "Mediation", "dependence": "Reliance", "impact": "Impact", "tension": "Tension",
               "rivalry": "Rivalry"}
SPEAKERS_COLUMN = "Speakers (our reading)"  # who speaks is sometimes our attribution, not the article's
FOCUS = ("russia", "pakistan")  # pairs with these two come first


def voices(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per speaker (most first), split into events and figures, assessments, proposals, background."""
    frame = claims.assign(speaker=claims.speaker.astype(str),
                          group=claims.claim_type.astype(str).map(TYPE_GROUPS))
    table = pd.crosstab(frame.speaker, frame.group).reindex(columns=list(dict.fromkeys(TYPE_GROUPS.values())),
                                                            fill_value=0)
    table["All claims"] = table.sum(axis=1)
    table = table.sort_values("All claims", ascending=False)
    table.index = table.index.map(speaker_name)
    table.loc["All speakers"] = table.sum()
    return table.rename_axis("Speaker").reset_index()


def voice_numbers(claims: pd.DataFrame) -> dict[str, int]:
    """How much of the article is the author's own voice, and how little is Russian."""
    speaker = claims.speaker.astype(str)
    facts = claims.claim_type.isin(FACT_TYPES)
    return {
        "claims": len(claims),
        "author_claims": int((speaker == "author").sum()),
        "facts": int(facts.sum()),
        "author_facts": int((facts & (speaker == "author")).sum()),
        "janjua_claims": int((speaker == "janjua").sum()),
        "russian_claims": int(speaker.isin(RUSSIAN_VOICES).sum()),
        "judgements": int(claims.claim_type.isin(JUDGEMENT_TYPES).sum()),
    }


def paragraph_outline(tables) -> pd.DataFrame:
    """What each body paragraph is about: its themes (most claims first), claim count and speakers."""
    claims = tables["claims"].astype({"theme": str, "speaker": str})
    rows = []
    for paragraph, group in claims.groupby("paragraph"):
        themes = group.theme.value_counts(sort=True).index
        speakers = dict.fromkeys(group.speaker)
        rows.append({"¶": pilcrow(paragraph), "Themes": "; ".join(THEME_LABELS[t] for t in themes),
                     "Claims": len(group), SPEAKERS_COLUMN: "; ".join(speaker_name(s).split(",")[0] for s in speakers)})
    return pd.DataFrame(rows)


def article_profile(tables) -> dict[str, int]:
    """The article as data: its body paragraphs, and its events with and without a stated date."""
    dated = tables["events"].date_start.notna()
    return {
        "body_paragraphs": sum(p.kind == "body" for p in tables.paragraphs),
        "dated_events": int(dated.sum()),
        "undated_events": int((~dated).sum()),
    }


def tie_pairs(tables) -> pd.DataFrame:
    """Every stated tie, aggregated by pair of actors (either direction) and kind: one row each.

    `ties` counts the stated ties, `labels` lists them, `paragraphs` their ¶; pairs with Russia or
    Pakistan come first, the pair of the two first of all, then by number of ties.
    """
    relations = with_evidence(tables["relations"], tables["claims"]).astype({"kind": str})
    names = short_names(tables["actors"])
    ends = relations.apply(lambda r: sorted((r.source, r.target), key=_focus_rank), axis=1)
    relations["pair"] = [f"{names[a]} – {names[b]}" for a, b in ends]
    relations["rank"] = [sum(_focus_rank(a) for a in pair) for pair in ends]
    grouped = relations.groupby(["pair", "kind"], sort=False).agg(
        ties=("relation_id", "size"), rank=("rank", "first"),
        labels=("label", lambda s: " · ".join(s)),
        paragraphs=("paragraph", lambda s: paragraph_list(sorted(set(s)), last=", ")),
    ).reset_index()
    grouped["pair_ties"] = grouped.groupby("pair").ties.transform("sum")
    grouped["kind_label"] = grouped.kind.map(KIND_LABELS)
    ordered = grouped.sort_values(["rank", "pair_ties", "pair"], ascending=[True, False, True])
    return ordered.drop(columns="rank").reset_index(drop=True)


def short_names(actors: pd.DataFrame, longest: int = 24) -> pd.Series:
    """Actor names for labels: the article's own abbreviation (e.g. CPEC, OGDCL) where a name is long."""
    aliases = actors.aliases.fillna("").str.split("; ").str[0]
    short = actors.name.where((actors.name.str.len() <= longest) | (aliases == ""), aliases)
    return pd.Series(short.values, index=actors.actor_id)


def _focus_rank(actor: str) -> int:
    return FOCUS.index(actor) if actor in FOCUS else len(FOCUS)


def tie_numbers(tables) -> dict[str, int]:
    """Counts the relations view's prose uses: ties, pairs, and how many involve Russia or Pakistan."""
    relations = tables["relations"]
    ends = relations[["source", "target"]]
    pairs = tie_pairs(tables)
    both = ends.isin(FOCUS).all(axis=1)
    return {
        "ties": len(relations),
        "pairs": pairs.pair.nunique(),
        "russia_pakistan_ties": int(both.sum()),
        "russia_ties": int((ends == "russia").any(axis=1).sum()),
    }


def timeline(events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Dated events with their honest span: `end_exclusive` is the day after the last possible day."""
    dated = events[events.date_start.notna()].copy()
    dated["end_exclusive"] = dated.date_end + pd.Timedelta(days=1)
    dated = with_evidence(dated, claims)
    return dated.sort_values(["date_start", "event_id"]).reset_index(drop=True)


def undated_events(events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Events the article does not date, in article order: listed, never placed on a time axis."""
    undated = with_evidence(events[events.date_start.isna()], claims)
    return undated.sort_values(["paragraph", "event_id"]).reset_index(drop=True)


def key_numbers(tables) -> dict[str, int | str]:
    """Every number the overview's key points show, ready to print (the chapter glues each one)."""
    said = voice_numbers(tables["claims"])
    profile = article_profile(tables)
    return {
        "author_claims": said["author_claims"],
        "claims": said["claims"],
        "author_facts": said["author_facts"],
        "facts": said["facts"],
        "janjua_claims": said["janjua_claims"],
        "russian_claims": said["russian_claims"],
        "judgements": said["judgements"],
        "dated_events": profile["dated_events"],
        "events": profile["dated_events"] + profile["undated_events"],
    }


def summary_numbers(tables) -> dict[str, int | str]:
    """The numbers of the landing page's five findings, each computed where its chapter computes it."""
    said = voice_numbers(tables["claims"])
    quantities = tables["quantities"]
    trade = quantity(quantities, "bilateral-trade")
    issues = afghanistan.issue_kinds(tables)
    outlook_numbers = outlook.key_numbers(tables)
    return {
        "author_claims": said["author_claims"],
        "claims": said["claims"],
        "russian_claims": said["russian_claims"],
        "afghan_agreements": int((issues.alignment == "converge").sum()),
        "afghan_challenges": int((issues.alignment == afghanistan.SHARED).sum()),
        "trade": money(in_dollars(trade)),
        "trade_period": str(trade.period_label),
        "investment": money(in_dollars(quantity(quantities, "russian-investment"))),
        **{name: outlook_numbers[name] for name in ("blueprint_items", "items_no_russian_view")},
    }
