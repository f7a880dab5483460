"""ASCII slugs for Vietnamese headings.

The stock `toc` slugify drops `đ` ("Mục đích" -> "muc-ich"); here every
Vietnamese letter keeps its base letter, `đ` becomes `d`, and the result is
stable ASCII that can be cited.
"""

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Remove Vietnamese diacritics: "Điều khoản" -> "Dieu khoan"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown `toc` slugify: "Mục đích 2024" -> "muc-dich-2024"."""
    ascii_text = fold(value).lower()
    return _NOT_SLUG.sub(separator, ascii_text).strip(separator)
