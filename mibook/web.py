"""JSON for a page's `<script>` blocks: the one escape every generator of such a block uses."""

import json


def script_json(value, indent: int | None = None) -> str:
    """`value` as JSON (keys sorted) that is safe inside `<script>`: every `<` becomes `\\u003c`, so no
    text in the data (`</script>`, `<!--<script>`) can end the block or change how HTML reads it."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=indent).replace("<", "\\u003c")
