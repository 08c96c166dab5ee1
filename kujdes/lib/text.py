"""Text helpers: diacritic folding for search and sorting, code slugs."""

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to a base letter.
_EXTRA_FOLDS = str.maketrans({"đ": "dj", "Đ": "dj", "ð": "d", "ß": "ss", "æ": "ae", "ø": "o"})


def fold(text: str) -> str:
    """Lower-case text without diacritics.

    "Fushë-Bulqizë" → "fushe-bulqize", "Đakovica" → "djakovica".
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def code_slug(text: str) -> str:
    """An upper-case ASCII code segment from a name: "Fushë-Bulqizë" → "FUSHE-BULQIZE"."""
    return re.sub(r"[^A-Z0-9]+", "-", fold(text).upper()).strip("-")
