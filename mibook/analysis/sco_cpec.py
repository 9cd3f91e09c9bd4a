"""SCO, CPEC and Eurasia: Putin's four poles on the map, the ties among the poles, and who says what.

Counts of ties and pairs are our own counts of the article's stated ties; the pole points are
computed centroids of Natural Earth shapes (reference geography, see `mibook.geo`), not data from
the article.
"""

from itertools import combinations

import pandas as pd

from mibook import geo
from mibook.analysis.common import with_evidence

THEME = "sco-cpec"
POLE_ORDER = ["north", "east", "south", "west"]
POINT_METHOD = "computed centroid"
# The compass the relations chart echoes: Russia north, Pakistan south, China east, Iran west;
# India beside Pakistan (south-east), CPEC between Pakistan and China, the Arab world beyond Iran
# (south-west), the US outside Eurasia (top right, clear of the poles' ties).
COMPASS_LAYOUT = {
    "russia": (0.0, 0.95),
    "pakistan": (0.0, -0.95),
    "china": (0.8, 0.0),
    "iran": (-0.9, 0.0),
    "india": (1.05, -0.85),
    "cpec": (0.68, -0.5),
    "arab-world": (-0.9, -0.75),
    "us": (1.05, 0.85),
}
SPEAKER_ORDER = ["author", "putin", "serenko", "janjua"]
SPEAKER_LABELS = {"author": "Bokhari (author)", "putin": "Putin (as reported)",
                  "serenko": "Serenko (research fellow)", "janjua": "Janjua (Foreign Secretary)"}


def poles(tables, topology: dict | None = None) -> pd.DataFrame:
    """Putin's four poles with each state's computed centroid (lon, lat) and the claim behind them.

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
    rows["point"] = POINT_METHOD
    rows["pole_rank"] = rows.pole.map(POLE_ORDER.index)
    columns = ["pole", "actor_id", "state", "map_name", "lon", "lat", "point", "claim_id", "paragraph", "quote"]
    return rows.sort_values("pole_rank")[columns].reset_index(drop=True)


def compass_geometry(pole_points: pd.DataFrame) -> dict[str, float | bool]:
    """How far the map bears out the compass (our calculation from the computed centroids, in degrees).

    `others_lat_spread`: latitude spread of the south, east and west poles; `north_lead`: how far
    Russia's point lies north of the northernmost of them; `south_between`: Pakistan lies between
    Iran and China in longitude.
    """
    by_pole = pole_points.set_index("pole")
    others = by_pole.loc[["south", "east", "west"]]
    return {
        "others_lat_spread": round(float(others.lat.max() - others.lat.min()), 1),
        "north_lead": round(float(by_pole.loc["north", "lat"] - others.lat.max()), 1),
        "south_between": bool(by_pole.loc["west", "lon"] < by_pole.loc["south", "lon"] < by_pole.loc["east", "lon"]),
    }


def ties_among(relations: pd.DataFrame, actor_ids: list[str]) -> pd.DataFrame:
    """Stated relations whose both ends are among `actor_ids`."""
    inside = relations.source.isin(actor_ids) & relations.target.isin(actor_ids)
    return relations[inside].reset_index(drop=True)


def pole_pairs(tables) -> pd.DataFrame:
    """Every pair of the four poles with the number of stated ties between them (our count)."""
    states = list(tables["poles"].actor_id)
    ties = ties_among(tables["relations"], states)
    pair = ties.apply(lambda r: tuple(sorted((r.source, r.target))), axis=1)
    counts = pair.value_counts()
    rows = [{"first": a, "second": b, "ties": int(counts.get((a, b), 0)),
             "includes_russia": "russia" in (a, b)} for a, b in combinations(sorted(states), 2)]
    return pd.DataFrame(rows)


def compass_relations(tables) -> pd.DataFrame:
    """The ties the relations chart draws: among the actors of `COMPASS_LAYOUT`, with evidence."""
    ties = ties_among(tables["relations"], list(COMPASS_LAYOUT))
    return with_evidence(ties, tables["claims"]).sort_values("relation_id").reset_index(drop=True)


def cpec_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that mention CPEC, with their speakers: the whole evidence for Russia's part in it."""
    rows = claims[claims.quote.str.contains("CPEC", regex=False)]
    return rows[["claim_id", "paragraph", "claim_type", "speaker", "quote"]].reset_index(drop=True)


def claims_by_voice(claims: pd.DataFrame) -> pd.DataFrame:
    """The chapter's claims with speaker and type, in article order, numbered within each ¶ and speaker."""
    rows = claims[claims.theme == THEME].astype({"speaker": str, "claim_type": str})
    rows = rows.sort_values(["paragraph", "claim_id"]).reset_index(drop=True)
    rows["slot"] = rows.groupby(["paragraph", "speaker"]).cumcount()
    rows["number"] = rows.claim_id.str.rsplit("-", n=1).str[-1]
    rows["voice"] = rows.speaker.map(SPEAKER_LABELS)
    return rows[["claim_id", "number", "paragraph", "speaker", "voice", "claim_type", "slot", "summary", "quote"]]


def key_numbers(tables) -> dict[str, int | str]:
    """Every number the chapter's key points show, ready to print (the chapter glues each one)."""
    claims = tables["claims"]
    theme_claims = claims[claims.theme == THEME]
    events = theme_claims[theme_claims.claim_type == "event"]
    theme_events = tables["events"][tables["events"].claim_id.isin(events.claim_id)]
    pairs = pole_pairs(tables)
    pole_event = tables["events"][tables["events"].claim_id.isin(tables["poles"].claim_id)].iloc[0]
    proposals = tables["proposals"]
    blueprint = proposals[proposals.blueprint_order.notna()]
    cpec_item = blueprint[blueprint.claim_id.isin(cpec_claims(claims).claim_id)].iloc[0]
    return {
        "poles": len(tables["poles"]),
        "poles_year": str(pole_event.date_start.year),
        "pole_ties": int(pairs.ties.sum()),
        "pole_pairs": len(pairs),
        "tied_pairs": int((pairs.ties > 0).sum()),
        "untied_pairs": int((pairs.ties == 0).sum()),
        "cpec_claims": len(cpec_claims(claims)),
        "cpec_item": int(cpec_item.blueprint_order),
        "blueprint_items": len(blueprint),
        "claims": len(theme_claims),
        "events": len(events),
        "undated_events": int(theme_events.date_start.isna().sum()),
        "judgements": len(theme_claims) - len(events),
    }


def prose_numbers(tables, topology: dict | None = None) -> dict[str, int | str]:
    """Numbers and ¶ references the chapter's running text glues (beyond the key points)."""
    claims = tables["claims"].set_index("claim_id")
    points = poles(tables, topology)
    geometry = compass_geometry(points)
    author = claims[(claims.theme == THEME) & (claims.speaker == "author")]
    by_pole = points.set_index("pole")
    out: dict[str, int | str] = {
        "author_claims": len(author),
        "others_lat_spread": f"{geometry['others_lat_spread']:.0f}",
        "north_lead": f"{geometry['north_lead']:.0f}",
        "russia_pakistan_ties": len(ties_among(tables["relations"], ["russia", "pakistan"])),
        "compass_ties": len(compass_relations(tables)),
    }
    for pole in POLE_ORDER:
        lon, lat = by_pole.loc[pole, ["lon", "lat"]]
        out[f"point_{pole}"] = f"{lat:.1f}° N, {lon:.1f}° E"
    for name, claim in {"p_poles": "c-sco-cpec-03", "p_multipolar": "c-sco-cpec-07", "p_sco": "c-sco-cpec-11",
                        "p_blueprint": "c-sco-cpec-12", "p_policeman": "c-defence-04",
                        "p_new_delhi": "c-defence-06"}.items():
        out[name] = f"¶{int(claims.loc[claim, 'paragraph'])}"
    return out
