"""The Afghanistan chapter's numbers: where the thread runs, who affects whom, what the two share.

Everything here reads only the article's tables; nothing is added from outside the article.
"""

import re

import pandas as pd

from mibook.analysis import common
from mibook.analysis.common import count_or, quantity, with_evidence

THEME = "afghanistan"
MENTION = re.compile(r"\bAfghan")  # "Afghanistan", "Afghan conflict", "Afghan peace"
TYPE_ORDER = ["event", "figure", "background", "assessment", "proposal"]
AFGHAN_ACTORS = ("afghanistan", "afghan-peace-process")
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {
    "p_evidence": "c-bilateral-03",
    "p_talks": "c-afghanistan-01",
    "p_spillover": "c-afghanistan-03",
    "p_convergence": "c-afghanistan-06",
    "p_processes": "c-bilateral-10",
    "p_mediation": "c-defence-01",
}


def mention_paragraphs(paragraphs) -> list[int]:
    """Body paragraphs whose text names Afghanistan (or 'Afghan …'), in order."""
    return [p.number for p in paragraphs if p.kind == "body" and MENTION.search(p.text)]


def related_claims(tables) -> pd.DataFrame:
    """Claims filed under another theme that still carry an Afghanistan row.

    That is: a relation or dialogue process of the Afghanistan theme, or an event placed in
    Afghanistan (the Soviet invasion), whose claim belongs to another chapter (e.g. ¶1's evidence).
    """
    claims = tables["claims"]
    events = tables["events"]
    ids = set(tables["relations"].query("theme == @THEME").claim_id)
    ids |= set(tables["processes"].query("theme == @THEME").claim_id)
    ids |= set(events[events.place == "afghanistan"].claim_id)
    rows = claims[claims.claim_id.isin(ids) & (claims.theme != THEME)]
    return rows.sort_values(["paragraph", "claim_id"]).reset_index(drop=True)


def claim_strip(tables, spread: float = 0.22) -> pd.DataFrame:
    """One row per Afghanistan claim (and related claim), placed by paragraph and claim type.

    Claims that share a paragraph and a type are spread sideways around the paragraph's
    position (`x`) so that none hides another. `filed_under` says which chapter holds the claim.
    """
    rows = pd.concat([common.theme_claims(tables["claims"], THEME), related_claims(tables)], ignore_index=True)
    rows = rows.astype({"theme": str, "claim_type": str, "speaker": str})
    rows = rows.sort_values(["paragraph", "claim_type", "claim_id"]).reset_index(drop=True)
    group = rows.groupby(["paragraph", "claim_type"])
    rank, size = group.cumcount(), group.claim_id.transform("size")
    rows["x"] = rows.paragraph.astype(float) + (rank - (size - 1) / 2) * spread
    rows["filed_under"] = rows.theme
    rows["short_id"] = rows.claim_id.str.removeprefix("c-")
    return rows[["claim_id", "short_id", "paragraph", "x", "claim_type", "speaker", "filed_under", "summary",
                 "quote"]]


def spillover(relations: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The stated 'impact' ties that run out of Afghanistan, with their evidence."""
    rows = relations[(relations.source == "afghanistan") & (relations.kind == "impact")]
    rows = with_evidence(rows, claims).astype({"kind": str, "status": str, "theme": str})
    return rows.sort_values(["paragraph", "relation_id"]).reset_index(drop=True)


def spillover_targets(relations: pd.DataFrame, claims: pd.DataFrame) -> list[str]:
    """The actors Afghanistan is said to affect directly, in the order the ties are listed."""
    return list(dict.fromkeys(spillover(relations, claims).target))


def convergence(positions: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Issues of the Afghanistan thread where a position is stated, one row per issue.

    `actors` lists whose positions are stated; `alignment` is the stated alignment (converge,
    diverge or unilateral) when all the issue's positions agree on it.
    """
    rows = with_evidence(positions, claims).merge(claims[["claim_id", "theme"]], on="claim_id")
    rows = rows[rows.theme == THEME].astype({"alignment": str})
    table = rows.groupby("issue", sort=False).agg(
        paragraph=("paragraph", "min"),
        claim_id=("claim_id", "first"),
        actors=("actor_id", lambda a: ", ".join(sorted(a))),
        alignment=("alignment", lambda a: a.iloc[0] if a.nunique() == 1 else "mixed"),
    )
    return table.reset_index().sort_values(["paragraph", "claim_id"]).reset_index(drop=True)


def shared_threats(tables) -> pd.DataFrame:
    """The threats the spill-over argument names as shared: converging issues in its own paragraph.

    The impact ties come from one paragraph (¶6); the issues stated there on which both Russia and
    Pakistan converge are the examples the argument gives (the opium supply, terrorism).
    """
    claims = tables["claims"]
    paragraphs = set(spillover(tables["relations"], claims).paragraph)
    issues = convergence(tables["positions"], claims)
    both = issues.actors == "pakistan, russia"
    keep = issues.paragraph.isin(paragraphs) & both & (issues.alignment == "converge")
    return issues[keep].reset_index(drop=True)


def dialogue_processes(processes: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The named bilateral dialogue processes that belong to the Afghanistan thread."""
    rows = with_evidence(processes[processes.theme == THEME], claims)
    return rows.sort_values("listed_order").reset_index(drop=True)


def blueprint_item(proposals: pd.DataFrame) -> pd.Series:
    """The blueprint item filed under Afghanistan (the regional framework for peace)."""
    rows = proposals[(proposals.theme == THEME) & proposals.blueprint_order.notna()]
    if len(rows) != 1:
        raise LookupError(f"expected one Afghanistan blueprint item, found {len(rows)}")
    return rows.iloc[0]


def ties_into_afghanistan(relations: pd.DataFrame) -> pd.DataFrame:
    """Stated ties in which someone acts on Afghanistan or its peace process (they are the target)."""
    rows = relations[relations.target.isin(AFGHAN_ACTORS)]
    return rows.sort_values("relation_id").reset_index(drop=True)


def speakers(claims: pd.DataFrame) -> dict[str, int]:
    """How many Afghanistan claims each speaker makes, most first."""
    counts = common.theme_claims(claims, THEME).astype({"speaker": str}).speaker.value_counts()
    return {speaker: int(n) for speaker, n in counts.items()}


def issues_table(tables) -> pd.DataFrame:
    """The Afghanistan issues with stated positions, ready to show: issue, claim, ¶, sides, alignment."""
    issues = convergence(tables["positions"], tables["claims"])
    names = tables["actors"].set_index("actor_id").name
    sides = issues.actors.map(lambda ids: " and ".join(names[a] for a in ids.split(", ")))
    table = issues.assign(sides=sides)[["issue", "claim_id", "paragraph", "sides", "alignment"]]
    return table.rename(columns={"issue": "Issue", "claim_id": "Claim", "paragraph": "¶",
                                 "sides": "Positions stated for", "alignment": "Alignment"})



def prose_numbers(tables) -> dict[str, int | str]:
    """The further numbers the chapter's prose cites (paragraphs, speakers, ties), ready to glue."""
    claims, relations = tables["claims"], tables["relations"]
    ties = relations[relations.theme == THEME]
    dyad = ties.source.isin(["russia", "pakistan"]) & ties.target.isin(["russia", "pakistan"])
    into = ties_into_afghanistan(relations)
    issues = convergence(tables["positions"], claims)
    said = speakers(claims)
    return {
        **common.paragraph_refs(claims, PARAGRAPH_REFS),
        "related_claims": len(related_claims(tables)),
        "author_claims": said.get("author", 0),
        "janjua_claims": said.get("janjua", 0),
        "russian_claims": count_or(sum(n for s, n in said.items() if s in ("putin", "serenko"))),
        "afghan_ties": len(ties),
        "impact_ties": len(spillover(relations, claims)),
        "dyad_afghan_ties": int(dyad.sum()),
        "russia_ties_in": int((into.source == "russia").sum()),
        "pakistan_ties_in": count_or(int((into.source == "pakistan").sum())),
        "diverging_issues": count_or(int((issues.alignment == "diverge").sum())),
    }


def key_numbers(tables) -> dict[str, int | str]:
    """Every number the Afghanistan chapter's key points show, ready to print."""
    claims = tables["claims"]
    own = common.theme_claims(claims, THEME)
    issues = convergence(tables["positions"], claims)
    processes = tables["processes"]
    proposals = tables["proposals"]
    body = [p for p in tables.paragraphs if p.kind == "body"]
    return {
        "afghan_claims": len(own),
        "afghan_assessments": int((own.claim_type == "assessment").sum()),
        "afghan_events": int((own.claim_type == "event").sum()),
        "afghan_paragraphs": len(mention_paragraphs(tables.paragraphs)),
        "body_paragraphs": len(body),
        "converging_issues": int((issues.alignment == "converge").sum()),
        "spillover_targets": len(spillover_targets(tables["relations"], claims)),
        "shared_threats": len(shared_threats(tables)),
        "afghan_processes": len(dialogue_processes(processes, claims)),
        "processes_named": len(processes),
        "processes_total": int(quantity(tables["quantities"], "bilateral-processes").value),
        "framework_item": int(blueprint_item(proposals).blueprint_order),
        "blueprint_items": int(proposals.blueprint_order.notna().sum()),
    }
