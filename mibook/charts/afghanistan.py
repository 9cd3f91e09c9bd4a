"""The Afghanistan chart: every Afghanistan statement by kind, and who makes it."""


from mibook import style
from mibook.analysis import afghanistan
from mibook.analysis.common import pilcrow
from mibook.charts.grid import statement_grid
from mibook.labels import speaker_name
from mibook.render import BookChart

VOICE_SHAPES = {speaker_name("author"): "circle:filled", speaker_name("janjua"): "circle:open"}


def thread(tables) -> BookChart:
    """Each Afghanistan statement (rows, article order) in the column of its kind; shape says who speaks."""
    rows = afghanistan.thread(tables)
    numbers = afghanistan.key_numbers(tables)
    frame = rows.assign(row_label=rows.paragraph.map(pilcrow) + " " + rows["item"],
                        voice=rows.speaker.map(speaker_name))
    finding = [f"{numbers['shared_positions']} agreements, each hedged with “appears”; "
               f"{numbers['shared_problems']} problems both face; {numbers['russian_steps']} Russian step"]
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
