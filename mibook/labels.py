"""Reader labels: how theme and speaker ids appear on a page (the ids stay in the data), and small numbers
as a reader writes them in prose.

One home for each, used by the analysis modules, the charts and the generated pages alike.
"""

NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def in_words(count: int) -> str:
    """A count from one to twelve in words ('three'), as prose writes it; larger counts in digits."""
    return NUMBER_WORDS[count - 1] if 1 <= count <= len(NUMBER_WORDS) else str(count)

THEME_LABELS = {
    "bilateral": "Bilateral relations",
    "afghanistan": "Afghanistan",
    "defence": "Defence",
    "energy": "Energy",
    "trade": "Trade",
    "sco-cpec": "SCO, CPEC and Eurasia",
}
# The record's timeline has one row more: events around the two governments rather than between them (US
# policy, India, the India–Pakistan crisis with Russia's offer in it), filed under "region", not a chapter.
RECORD_THEME_LABELS = {**THEME_LABELS, "region": "Around the two: US, India, the crisis"}
# Speakers as a reader knows them, and their surnames where a chart has room for one word only.
SPEAKER_NAMES = {
    "author": "Sitwat Waqar Bokhari, the author",
    "janjua": "Tehmina Janjua, Pakistan's Foreign Secretary (as reported)",
    "putin": "Putin (as reported)",
    "serenko": "Dr Nikolaevna Serenko, Russian research fellow (as reported)",
}
SURNAMES = {"author": "Bokhari", "putin": "Putin", "serenko": "Serenko", "janjua": "Janjua"}


def speaker_name(speaker: str) -> str:
    """A speaker id as readers see it ('janjua' -> 'Tehmina Janjua, Pakistan's Foreign Secretary …');
    an unknown id as it is."""
    return SPEAKER_NAMES.get(str(speaker), str(speaker))
