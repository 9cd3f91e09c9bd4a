"""The outlook's numbers: Janjua's blueprint, the 11 dialogue processes, where the two sides' stated
positions meet, the article's own characterisations, and the layout of the overview's relations map.
"""

import math
from itertools import combinations

import pandas as pd

from mibook.analysis.common import evidence_table, in_dollars, money, quantity, with_evidence
from mibook.analysis.network import MAX_BUNDLE_WIDTH, PARALLEL_GAP

# The chapter each theme's evidence lives in (bilateral framing claims close the overview).
CHAPTER_FILES = {
    "bilateral": "overview.md",
    "afghanistan": "afghanistan.md",
    "defence": "defence.md",
    "energy": "energy.md",
    "trade": "trade.md",
    "sco-cpec": "sco-cpec.md",
}
# Our short labels for the blueprint items (the verbatim wording stays in `text`).
SHORT_LABELS = {
    "p-free-trade-agreement": "Free trade agreement",
    "p-strategic-cooperation": "Strategic cooperation and understanding",
    "p-defence-relations": "Defence relations",
    "p-cpec-participation": "Russian participation in CPEC",
    "p-people-to-people": "People-to-people relations",
    "p-regional-framework": "Regional framework for peace and development",
}
SIDES = ("russia", "pakistan")  # Moscow and Islamabad, in that order
IN_PLACE = ("stated", "welcomed")  # relation statuses that describe a tie as it is, not as offered or proposed
# The article's own characterisations of the relationship, found by their wording.
CHARACTERISATIONS = {
    "transient, tactical, and transactional": "Russia's engagement so far",
    "emerging partnership": "The ties' potential",
    "chess players": "How the two should be seen",
    "equal footing": "What the relations should rest on",
    "driving seat": "The conclusion: economics should drive",
}
NO_POSITION = "no stated position"
UNNAMED = "not named in the article"


def blueprint(tables) -> pd.DataFrame:
    """The six items of Janjua's blueprint in her order, with theme, chapter file and evidence."""
    proposals = tables["proposals"]
    items = proposals[proposals.blueprint_order.notna()].sort_values("blueprint_order")
    items = with_evidence(items, tables["claims"]).astype({"theme": str})
    items["order"] = items.blueprint_order.astype(int)
    items["item"] = items.proposal_id.map(SHORT_LABELS).fillna(items.text)
    items["chapter"] = items.theme.map(CHAPTER_FILES)
    return items[["order", "proposal_id", "item", "text", "theme", "chapter", "claim_id", "paragraph",
                  "quote"]].reset_index(drop=True)


def issue_positions(tables) -> pd.DataFrame:
    """One row per issue: each side's stance and claim, the alignment, and the theme of its first claim."""
    positions = with_evidence(tables["positions"], tables["claims"])
    themes = tables["claims"].set_index("claim_id").theme.astype(str)
    positions["theme"] = positions.claim_id.map(themes)
    positions["alignment"] = positions.alignment.astype(str)
    rows = []
    for issue, group in positions.groupby("issue", sort=False):
        row = {"issue": issue, "alignment": _issue_alignment(group), "paragraph": int(group.paragraph.min()),
               "theme": group.sort_values(["paragraph", "claim_id"]).theme.iloc[0]}
        for side in SIDES:
            stated = group[group.actor_id == side]
            row[f"{side}_stance"] = stated.stance.iloc[0] if len(stated) else None
            row[f"{side}_claim"] = stated.claim_id.iloc[0] if len(stated) else None
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["sides_stated"] = frame[[f"{s}_stance" for s in SIDES]].notna().sum(axis=1)
    return frame.sort_values(["sides_stated", "paragraph", "issue"], ascending=[False, True, True]).reset_index(
        drop=True)


def _issue_alignment(group: pd.DataFrame) -> str:
    values = set(group.alignment)
    if "diverge" in values:
        return "diverge"
    if "converge" in values:
        return "converge"
    return "unilateral"


def position_matrix(tables) -> pd.DataFrame:
    """Issue x side, every cell present: the side's stance with its claim, or 'no stated position'."""
    positions = with_evidence(tables["positions"], tables["claims"])
    positions["alignment"] = positions.alignment.astype(str)
    positions["speaker"] = positions.claim_id.map(tables["claims"].set_index("claim_id").speaker)
    issues = issue_positions(tables)
    names = tables["actors"].set_index("actor_id").name
    cells = []
    for rank, issue in enumerate(issues.itertuples()):
        for side in SIDES:
            stated = positions[(positions.issue == issue.issue) & (positions.actor_id == side)]
            cell = {"issue": issue.issue, "issue_rank": rank, "actor_id": side, "actor": names[side]}
            if len(stated):
                first = stated.iloc[0]
                cell |= {"cell": first.alignment, "stance": first.stance, "speaker": first.speaker,
                         "claim_id": first.claim_id, "paragraph": int(first.paragraph), "quote": first.quote}
            else:
                cell |= {"cell": NO_POSITION, "stance": "The article states no position for this side.",
                         "speaker": None, "claim_id": None, "paragraph": None, "quote": None}
            cells.append(cell)
    frame = pd.DataFrame(cells)
    frame["paragraph"] = frame.paragraph.astype("Int64")
    return frame


def position_summary(tables) -> dict[str, int]:
    """How many issues the article gives both sides' positions on, and how those compare."""
    issues = issue_positions(tables)
    both = issues[issues.sides_stated == len(SIDES)]
    one = issues[issues.sides_stated == 1]
    return {
        "issues": len(issues),
        "both_sides": len(both),
        "converge": int((both.alignment == "converge").sum()),
        "diverge": int((issues.alignment == "diverge").sum()),
        "one_side": len(one),
        "russia_only": int(one.russia_stance.notna().sum()),
        "pakistan_only": int(one.pakistan_stance.notna().sum()),
        "one_sentence": int((both.russia_claim == both.pakistan_claim).sum()),
    }


def position_voices(tables) -> pd.DataFrame:
    """Who voices each side's stated positions: claims per side and speaker (author, janjua, ...)."""
    cells = position_matrix(tables)
    stated = cells[cells.claim_id.notna()]
    return (stated.groupby(["actor_id", "speaker"]).size().rename("positions").reset_index()
            .sort_values(["actor_id", "positions", "speaker"], ascending=[True, False, True]).reset_index(drop=True))


GROUNDING_LABELS = {
    "ties_in_place": "Ties in place",
    "processes_named": "Named processes",
    "issues_converging": "Converging issues",
    "russian_positions": "Russian positions",
    "pakistani_positions": "Pakistani positions",
}


def grounding_cells(tables) -> pd.DataFrame:
    """What the article already records in each blueprint item's theme, one row per item and measure.

    Measures: Russia–Pakistan ties in place (stated or welcomed, not tension), named dialogue
    processes, issues on which both sides' positions converge, and each side's stated positions
    (an issue's theme is that of its first claim). `counted` lists the claims behind each count.
    Matching is by theme only: it shows where the article has material, not that the item follows from it.
    """
    items = blueprint(tables)
    relations = tables["relations"].astype({"theme": str, "status": str, "kind": str})
    pair = relations.source.isin(SIDES) & relations.target.isin(SIDES)
    in_place = relations[pair & relations.status.isin(IN_PLACE) & (relations.kind != "tension")]
    processes = tables["processes"].astype({"theme": str})
    issues = issue_positions(tables)
    both = issues[(issues.alignment == "converge") & (issues.sides_stated == len(SIDES))]
    sources = {
        "ties_in_place": lambda t: in_place[in_place.theme == t].claim_id,
        "processes_named": lambda t: processes[processes.theme == t].claim_id,
        "issues_converging": lambda t: both[both.theme == t].russia_claim,
        "russian_positions": lambda t: issues[(issues.theme == t) & issues.russia_stance.notna()].russia_claim,
        "pakistani_positions": lambda t: issues[(issues.theme == t) & issues.pakistan_stance.notna()].pakistan_claim,
    }
    rows = []
    for item in items.itertuples():
        for measure, source in sources.items():
            counted = list(source(item.theme))
            rows.append({"order": item.order, "item": item.item, "theme": item.theme, "measure": measure,
                         "measure_label": GROUNDING_LABELS[measure], "count": len(counted),
                         "counted": ", ".join(sorted(set(counted))), "claim_id": item.claim_id,
                         "paragraph": item.paragraph, "quote": item.quote})
    return pd.DataFrame(rows)


def grounding_paragraphs(tables) -> list[int]:
    """The paragraphs behind the grounding counts and the blueprint items themselves."""
    cells = grounding_cells(tables)
    ids = set(cells.claim_id) | {c for text in cells.counted for c in text.split(", ") if c}
    claims = tables["claims"]
    return sorted(int(p) for p in claims[claims.claim_id.isin(ids)].paragraph.unique())


def blueprint_grounding(tables) -> pd.DataFrame:
    """The blueprint items with one count column per grounding measure (see `grounding_cells`)."""
    cells = grounding_cells(tables)
    counts = cells.pivot(index="order", columns="measure", values="count")[list(GROUNDING_LABELS)]
    return blueprint(tables).merge(counts.reset_index(), on="order")


def process_grid(tables, columns: int = 4) -> pd.DataFrame:
    """The stated number of dialogue processes as a grid: the named ones first, the rest left unnamed.

    The total comes from the `bilateral-processes` quantity; nothing is invented for the unnamed slots.
    """
    total = int(quantity(tables["quantities"], "bilateral-processes").value)
    named = with_evidence(tables["processes"], tables["claims"]).sort_values("listed_order")
    if len(named) > total:
        raise ValueError(f"{len(named)} named processes but the article counts only {total}")
    rows = []
    for slot in range(total):
        row = {"slot": slot + 1, "column": slot % columns, "row": slot // columns}
        if slot < len(named):
            process = named.iloc[slot]
            row |= {"named": True, "text": process.text, "theme": str(process.theme), "process_id": process.process_id,
                    "claim_id": process.claim_id, "paragraph": int(process.paragraph), "quote": process.quote}
        else:
            row |= {"named": False, "text": UNNAMED, "theme": None, "process_id": None, "claim_id": None,
                    "paragraph": None, "quote": None}
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["paragraph"] = frame.paragraph.astype("Int64")
    return frame


def characterisations(tables) -> pd.DataFrame:
    """The article's own characterisations of the relationship, one claim each, in article order."""
    claims = tables["claims"]
    rows = []
    for phrase, aspect in CHARACTERISATIONS.items():
        found = claims[claims.quote.str.contains(phrase, regex=False)]
        if len(found) != 1:
            raise LookupError(f"expected one claim quoting {phrase!r}, found {len(found)}")
        claim = found.iloc[0]
        rows.append({"aspect": aspect, "phrase": phrase, "claim_id": claim.claim_id, "paragraph": int(claim.paragraph),
                     "speaker": claim.speaker, "claim_type": str(claim.claim_type), "quote": claim.quote})
    return pd.DataFrame(rows).sort_values(["paragraph", "claim_id"]).reset_index(drop=True)


def characterisations_table(tables) -> pd.DataFrame:
    """The characterisations as the chapter shows them (a "Claim" column links to the ledger)."""
    rows = characterisations(tables)
    return rows[["aspect", "claim_id", "paragraph", "speaker", "quote"]].rename(columns={
        "aspect": "What it characterises", "claim_id": "Claim", "paragraph": "¶", "speaker": "Voice",
        "quote": "Quote"})


def evidence(tables) -> pd.DataFrame:
    """The outlook's evidence table (same columns as `evidence_table`): every proposal and the claim
    introducing the blueprint, the dialogue-process claim, each position's claim and the characterisations."""
    claims = tables["claims"]
    blueprint_event = tables["events"]
    blueprint_event = blueprint_event[blueprint_event.event_id.str.contains("blueprint")].claim_id
    ids = set(tables["proposals"].claim_id) | set(blueprint_event) | set(tables["processes"].claim_id)
    ids |= set(tables["positions"].claim_id) | set(characterisations(tables).claim_id)
    return evidence_table(claims[claims.claim_id.isin(ids)])


def key_numbers(tables) -> dict[str, int | str]:
    """Every number the outlook's key points show, ready to print (the chapter glues each one)."""
    items = blueprint_grounding(tables)
    grid = process_grid(tables)
    summary = position_summary(tables)
    no_russian_view = items[items.russian_positions == 0]
    return {
        "blueprint_items": len(items),
        "blueprint_themes": items.theme.nunique(),
        "themes_total": len(CHAPTER_FILES),
        "items_no_russian_view": len(no_russian_view),
        "processes_total": len(grid),
        "processes_named": int(grid.named.sum()),
        "processes_unnamed": int((~grid.named).sum()),
        "processes_named_pct": f"{grid.named.mean():.0%}",
        "issues_both_sides": summary["both_sides"],
        "issues_converge": summary["converge"],
        "issues_diverge": summary["diverge"],
        "issues_one_side": summary["one_side"],
    }


def prose_numbers(tables) -> dict[str, int | str]:
    """Numbers, dates and ¶ references the chapter's running text glues (beyond the key points)."""
    claims = tables["claims"].set_index("claim_id")
    events = tables["events"].set_index("event_id")
    summary = position_summary(tables)
    voices = position_voices(tables)
    russian = voices[voices.actor_id == "russia"].set_index("speaker").positions
    pakistani = voices[voices.actor_id == "pakistan"].set_index("speaker").positions
    grounding = blueprint_grounding(tables).set_index("proposal_id")
    quantities = tables["quantities"]
    blueprint_event = events.loc["ev-2019-03-janjua-blueprint"]
    out: dict[str, int | str] = {
        "blueprint_date": str(blueprint_event.date_label),
        "issues_total": summary["issues"],
        "russia_only": summary["russia_only"],
        "pakistan_only": summary["pakistan_only"],
        "one_sentence": summary["one_sentence"],
        "russian_positions": int(russian.sum()),
        "russian_by_author": int(russian.get("author", 0)),
        "russian_by_janjua": int(russian.get("janjua", 0)),
        "russian_by_serenko": int(russian.get("serenko", 0)),
        "pakistani_positions": int(pakistani.sum()),
        "pakistani_by_janjua": int(pakistani.get("janjua", 0)),
        "defence_ties": int(grounding.loc["p-defence-relations", "ties_in_place"]),
        "framework_converging": int(grounding.loc["p-regional-framework", "issues_converging"]),
        "fta_pakistani": int(grounding.loc["p-free-trade-agreement", "pakistani_positions"]),
        "fta_order": int(grounding.loc["p-free-trade-agreement", "order"]),
        "cpec_order": int(grounding.loc["p-cpec-participation", "order"]),
        "trade": money(in_dollars(quantity(quantities, "bilateral-trade"))),
        "trade_period": str(quantity(quantities, "bilateral-trade").period_label),
        "trade_boost": str(quantity(quantities, "trade-boost").as_written),
        "investment": money(in_dollars(quantity(quantities, "russian-investment"))),
        "characterisations": len(characterisations(tables)),
        "evidence_claims": len(evidence(tables)),
    }
    for name, claim in {"p_engagement": "c-bilateral-05", "p_potential": "c-bilateral-06",
                        "p_blueprint": "c-bilateral-07", "p_processes": "c-bilateral-10",
                        "p_conclusion": "c-trade-06", "p_india": "c-defence-06"}.items():
        out[name] = f"¶{int(claims.loc[claim, 'paragraph'])}"
    return out


# --- The overview's relations map: a deterministic two-ring layout ---------------------------------

CENTRE_Y = 0.42  # the north and south poles sit this far above and below the centre
RING_RADII = {"states": 0.86, "others": 1.16}
AFFILIATION_WEIGHT = 1.0  # how strongly a company or person is pulled towards the actor it belongs to


def relations_map_actors(tables) -> pd.DataFrame:
    """Every actor that appears in a stated relation, with a short display name (the article's own
    abbreviation where the full name is long) and its ring: states inside, everything else outside."""
    relations, actors = tables["relations"], tables["actors"]
    tied = set(relations.source) | set(relations.target)
    frame = actors[actors.actor_id.isin(tied)].copy().astype({"kind": str})
    frame["name"] = [_short_name(name, aliases) for name, aliases in zip(frame.name, frame.aliases, strict=True)]
    frame["ring"] = frame.kind.map(lambda k: "states" if k == "state" else "others")
    return frame.sort_values("actor_id").reset_index(drop=True)


def _short_name(name: str, aliases) -> str:
    if len(name) <= 24 or pd.isna(aliases):
        return name
    upper = [a for a in str(aliases).split("; ") if a.isupper()]
    return upper[0] if upper else name


def relations_map_layout(tables, starts: int = 4, passes: int = 8) -> dict[str, tuple[float, float]]:
    """Positions (x, y within [-1.2, 1.2]) for the relations map.

    The article's own geography sets the frame: Putin's northern and southern poles (Russia and
    Pakistan) sit at the centre, one above the other, and his eastern and western poles (China and
    Iran) on the states ring to the east and west. Every other state takes a slot on the inner ring;
    regions, groups, organisations, initiatives and companies take slots on the outer ring. Slots are
    assigned by a deterministic local search (see `_cost`) from `starts` rotated starting assignments,
    keeping the cheapest: it shortens ties, pulls actors towards their affiliation, and avoids
    crossings, ties running through other actors, and overlapping labels.
    """
    actors = relations_map_actors(tables)
    labels = dict(zip(actors.actor_id, actors.name, strict=True))
    poles = tables["poles"].astype({"pole": str}).set_index("pole").actor_id
    fixed = {poles["north"]: (0.0, CENTRE_Y), poles["south"]: (0.0, -CENTRE_Y)}
    fixed_angles = {poles["east"]: 90.0, poles["west"]: 270.0}
    slots: dict[str, list[tuple[float, float]]] = {}
    movable: dict[str, list[str]] = {}
    for ring, radius in RING_RADII.items():
        members = [a for a in actors[actors.ring == ring].actor_id if a not in fixed]
        count = max(2 * len(members), 12)
        angles = {round(360 * i / count, 6) for i in range(count)} | {
            fixed_angles[a] for a in members if a in fixed_angles}
        slots[ring] = [_polar(radius, angle) for angle in sorted(angles)]
        fixed |= {a: _polar(radius, fixed_angles[a]) for a in members if a in fixed_angles}
        movable[ring] = [a for a in members if a not in fixed_angles]
    ties = _ties(tables, actors)
    best, best_cost = None, math.inf
    for start in range(starts):
        placed = dict(fixed)
        for ring, members in movable.items():
            free = [s for s in slots[ring] if s not in fixed.values()]
            rotated = free[start * len(free) // starts:] + free[: start * len(free) // starts]
            placed |= dict(zip(members, rotated, strict=False))
        placed, cost = _local_search(placed, slots, movable, ties, labels, passes)
        if cost < best_cost - 1e-9:
            best, best_cost = placed, cost
    return {actor: (round(x, 4), round(y, 4)) for actor, (x, y) in sorted(best.items())}


def _local_search(placed, slots, movable, ties, labels, passes: int):
    """Move (or swap) one actor at a time to the slot of its ring that lowers the cost most, until stable."""
    cost = _cost(placed, ties, labels)
    for _ in range(passes):
        improved = False
        for ring, members in movable.items():
            for actor in members:
                for slot in slots[ring]:
                    owner = next((a for a, p in placed.items() if p == slot), None)
                    if owner == actor or (owner is not None and owner not in members):
                        continue
                    trial = dict(placed)
                    trial[actor] = slot
                    if owner is not None:
                        trial[owner] = placed[actor]
                    trial_cost = _cost(trial, ties, labels)
                    if trial_cost < cost - 1e-9:
                        placed, cost, improved = trial, trial_cost, True
        if not improved:
            break
    return placed, cost


def _polar(radius: float, angle: float) -> tuple[float, float]:
    """A point at `angle` degrees clockwise from north."""
    return (radius * math.sin(math.radians(angle)), radius * math.cos(math.radians(angle)))


def _ties(tables, actors: pd.DataFrame) -> list[tuple[str, str, float, int]]:
    """Tied pairs (weight 1, with how many ties each pair has) plus affiliations (count 0)."""
    relations = tables["relations"]
    pairs = pd.Series([tuple(sorted(p)) for p in zip(relations.source, relations.target, strict=True)])
    ties = [(a, b, 1.0, int(n)) for (a, b), n in sorted(pairs.value_counts().items())]
    drawn = set(actors.actor_id)
    for actor, affiliation in zip(actors.actor_id, actors.affiliation, strict=True):
        if pd.notna(affiliation) and affiliation in drawn:
            ties.append((actor, affiliation, AFFILIATION_WEIGHT, 0))
    return ties


# Label geometry in layout units (the chart maps 2.6 units to 520 px, so 1 unit = 200 px): bold 12 px
# labels about 8 px a character (a margin for wider browser fonts), 14 px high, centred 16 px above
# their point; points 9 px in radius.
LABEL_CHAR, LABEL_HEIGHT, LABEL_RISE, POINT_RADIUS = 0.041, 0.075, 0.08, 0.05


def _label_box(point, label: str) -> tuple[float, float, float, float]:
    half = LABEL_CHAR * len(label) / 2 + 0.02
    return (point[0] - half, point[0] + half, point[1] + LABEL_RISE - LABEL_HEIGHT / 2,
            point[1] + LABEL_RISE + LABEL_HEIGHT / 2)


def _cost(placed: dict[str, tuple[float, float]], ties, labels: dict[str, str]) -> float:
    """Layout cost: tie length, plus penalties for crossings (heavier for bundles of parallel ties),
    ties through other actors or their labels, near-parallel ties from one actor, and label overlaps."""
    cost = sum(weight * math.dist(placed[a], placed[b]) for a, b, weight, _ in ties)
    edges = [(a, b, n) for a, b, weight, n in ties if n]
    for (a, b, m), (c, d, n) in combinations(edges, 2):
        shared = {a, b} & {c, d}
        if not shared and _cross(placed[a], placed[b], placed[c], placed[d]):
            cost += math.sqrt(m * n)
        elif len(shared) == 1:
            hub = shared.pop()
            ends = [placed[x] for x in (a, b, c, d) if x != hub]
            if _angle(placed[hub], *ends) < _clearance(placed, (a, b, m), (c, d, n)):
                cost += 2.0 * math.sqrt(m * n)
    boxes = {actor: _label_box(point, labels[actor]) for actor, point in placed.items()}
    for a, b, _ in edges:
        for other, point in placed.items():
            if other in (a, b):
                continue
            if _distance_to_segment(point, placed[a], placed[b]) < 0.12:
                cost += 3.0
            if _segment_hits_box(placed[a], placed[b], boxes[other]):
                cost += 0.5
    for first, second in combinations(placed, 2):
        if _boxes_overlap(boxes[first], boxes[second]):
            cost += 5.0
        for label_of, point_of in ((first, second), (second, first)):
            if _point_in_box(placed[point_of], boxes[label_of], POINT_RADIUS):
                cost += 5.0
    return cost


def _clearance(placed, first, second) -> float:
    """The smallest angle (degrees) two ties from one actor need to stay apart: more for a wide bundle."""
    (a, b, m), (c, d, n) = sorted([first, second], key=lambda tie: -tie[2])
    half_width = min(PARALLEL_GAP * (m - 1) / 2, MAX_BUNDLE_WIDTH / 2)
    return 14 + math.degrees(math.atan2(half_width, math.dist(placed[a], placed[b]) / 2))


def _angle(hub, p, q) -> float:
    a = math.atan2(p[1] - hub[1], p[0] - hub[0])
    b = math.atan2(q[1] - hub[1], q[0] - hub[0])
    diff = abs(math.degrees(a - b)) % 360
    return min(diff, 360 - diff)


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _point_in_box(point, box, margin: float) -> bool:
    return box[0] - margin < point[0] < box[1] + margin and box[2] - margin < point[1] < box[3] + margin


def _segment_hits_box(start, end, box) -> bool:
    """Whether the segment start-end passes through the box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[1] - x0), (-dy, y0 - box[2]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _cross(p1, p2, p3, p4) -> bool:
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = orient(p3, p4, p1), orient(p3, p4, p2)
    d3, d4 = orient(p1, p2, p3), orient(p1, p2, p4)
    return d1 * d2 < 0 and d3 * d4 < 0


def _distance_to_segment(point, start, end) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length2))
    return math.dist(point, (ax + t * (bx - ax), ay + t * (by - ay)))


def relations_map_summary(tables) -> dict[str, int]:
    """Counts for the relations map's title: ties, actors drawn, and ties involving the central pair."""
    relations = tables["relations"]
    touches = {side: relations.source.eq(side) | relations.target.eq(side) for side in SIDES}
    drawn = relations_map_actors(tables)
    return {
        "ties": len(relations),
        "actors": len(drawn),
        "actors_untied": len(tables["actors"]) - len(drawn),
        "russia": int(touches["russia"].sum()),
        "pakistan": int(touches["pakistan"].sum()),
        "either": int((touches["russia"] | touches["pakistan"]).sum()),
        "neither": int((~(touches["russia"] | touches["pakistan"])).sum()),
        "between": int((touches["russia"] & touches["pakistan"]).sum()),
    }
