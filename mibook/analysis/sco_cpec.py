"""SCO, CPEC and Eurasia: Putin's four poles as the article reports them, the ties among the poles,
and who says what in this strand of the argument.

Counts of ties and pairs are our own counts of the article's stated ties; the map's label points are
computed centroids of Natural Earth shapes (reference geography, see `mibook.geo`), not article data.
"""

from itertools import combinations

import pandas as pd

from mibook import geo
from mibook.analysis.common import key_and_prose, paragraph_refs, with_evidence
from mibook.labels import speaker_name

THEME = "sco-cpec"
POLE_ORDER = ["north", "east", "south", "west"]
SPEAKER_ORDER = ["author", "putin", "serenko", "janjua"]
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {"p_poles": "c-sco-cpec-03", "p_multipolar": "c-sco-cpec-07", "p_sco": "c-sco-cpec-11",
                  "p_blueprint": "c-sco-cpec-12"}
# Our few-word labels for the chapter's claims, so a chart can say what each one is about.
TOPICS = {
    "c-sco-cpec-01": "Pakistan the gateway to Eurasia",
    "c-sco-cpec-02": "New alliances in Asia",
    "c-sco-cpec-03": "Four poles of Eurasia",
    "c-sco-cpec-04": "Alternative model of governance",
    "c-sco-cpec-05": "Cooperation with China on CPEC",
    "c-sco-cpec-06": "Resurgence as a regional superpower",
    "c-sco-cpec-07": "Multi-polarity, unlike the US",
    "c-sco-cpec-08": "The US a receding power",
    "c-sco-cpec-09": "Arab world and Iran",
    "c-sco-cpec-10": "On China's side",
    "c-sco-cpec-11": "Russia's support for SCO membership",
    "c-sco-cpec-12": "Russian participation in CPEC",
}


def poles(tables, topology: dict | None = None) -> pd.DataFrame:
    """Putin's four poles with a label point (lon, lat) inside each state and the claim behind them.

    Each state is found in the map file through `geo.COUNTRY_NAMES` (actor id -> map name), so the
    names the book prints never have to match the map's; a state with no map name fails loudly.
    """
    topology = topology if topology is not None else geo.load_topology()
    rows = tables["poles"].astype({"pole": str}).merge(
        tables["actors"][["actor_id", "name"]], on="actor_id", how="left", validate="one_to_one")
    rows = with_evidence(rows, tables["claims"]).rename(columns={"name": "state"})
    rows["map_name"] = [geo.COUNTRY_NAMES[actor] for actor in rows.actor_id]
    points = [geo.computed_centroid(topology, name) for name in rows.map_name]
    rows["lon"] = [p[0] for p in points]
    rows["lat"] = [p[1] for p in points]
    rows["pole_rank"] = rows.pole.map(POLE_ORDER.index)
    columns = ["pole", "actor_id", "state", "map_name", "lon", "lat", "claim_id", "paragraph", "quote"]
    return rows.sort_values("pole_rank")[columns].reset_index(drop=True)


def pole_pairs(tables) -> pd.DataFrame:
    """Every pair of the four poles with the number of stated ties between them (our count)."""
    states = list(tables["poles"].actor_id)
    relations = tables["relations"]
    ties = relations[relations.source.isin(states) & relations.target.isin(states)]
    counts = pd.Series([tuple(sorted(p)) for p in zip(ties.source, ties.target, strict=True)]).value_counts()
    rows = [{"first": a, "second": b, "ties": int(counts.get((a, b), 0))}
            for a, b in combinations(sorted(states), 2)]
    return pd.DataFrame(rows)


def cpec_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that mention CPEC, with their speakers: the whole evidence for Russia's part in it."""
    rows = claims[claims.quote.str.contains("CPEC", regex=False)]
    return rows[["claim_id", "paragraph", "claim_type", "speaker", "quote"]].reset_index(drop=True)


def claims_by_voice(claims: pd.DataFrame) -> pd.DataFrame:
    """The chapter's claims in article order with speaker (as readers know them), type and topic."""
    rows = claims[claims.theme == THEME].astype({"speaker": str, "claim_type": str})
    rows = rows.sort_values(["paragraph", "claim_id"]).reset_index(drop=True)
    rows["order"] = range(1, len(rows) + 1)
    rows["voice"] = rows.speaker.map(speaker_name)
    rows["topic"] = rows.claim_id.map(TOPICS).fillna(rows.summary)
    return rows[["claim_id", "order", "paragraph", "speaker", "voice", "claim_type", "topic", "quote"]]


KEY_POINTS = ("poles_year", "poles", "tied_pairs", "pole_pairs", "cpec_claims", "claims", "author_claims")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number and ¶ reference the chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    claims = tables["claims"]
    own = claims[claims.theme == THEME]
    pole_event = tables["events"][tables["events"].claim_id.isin(tables["poles"].claim_id)].iloc[0]
    pairs = pole_pairs(tables)
    blueprint = tables["proposals"][tables["proposals"].blueprint_order.notna()]
    cpec_item = blueprint[blueprint.claim_id.isin(cpec_claims(claims).claim_id)].iloc[0]
    return {
        "poles_year": str(pole_event.date_start.year),
        "poles": len(tables["poles"]),
        "tied_pairs": int((pairs.ties > 0).sum()),
        "pole_pairs": len(pairs),
        "cpec_claims": len(cpec_claims(claims)),
        "claims": len(own),
        "author_claims": int((own.speaker == "author").sum()),
        "cpec_item": int(cpec_item.blueprint_order),
        "blueprint_items": len(blueprint),
        **paragraph_refs(claims, PARAGRAPH_REFS),
    }


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
