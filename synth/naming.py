"""Fictional names for the synthetic sector: councils, providers, settings, people.

Councils and providers are invented words built from syllables (no real authority or
company is meant); people get a common given name and a common surname, so that, as in
life, different people share a name. Every generator is deterministic given its ``rng``.

>>> import random
>>> names = unique_words(random.Random(1), 3, COUNCIL_PARTS)
>>> len(set(names)) == 3 and all(n[0].isupper() for n in names)
True
"""

from __future__ import annotations

import itertools
import random


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN = _words("""
Aaron Abigail Adam Aisha Alan Alice Alison Amanda Amy Andrew Angela Anna Anthony Ben
Beth Bethany Carl Caroline Catherine Charlotte Chloe Chris Claire Craig Daniel Darren
David Dawn Dean Debbie Donna Eleanor Elizabeth Emily Emma Fiona Gary Gemma Graham Hannah
Hayley Helen Ian Jack Jade James Jane Jason Jennifer Joanne John Jonathan Joseph Julie
Karen Kate Kelly Kerry Kevin Laura Lauren Lee Leanne Lisa Louise Lucy Mark Martin
Matthew Michael Michelle Mohammed Natalie Neil Nicola Nicholas Paul Peter Rachel Rebecca
Richard Robert Ruth Ryan Samantha Sarah Scott Sharon Simon Sophie Stephen Stuart Susan
Thomas Tracey Victoria Wayne Zoe
""")
SURNAMES = _words("""
Adams Ahmed Allen Anderson Atkinson Bailey Baker Barker Barnes Bell Bennett Brooks Brown
Butler Campbell Carter Chapman Clarke Cole Collins Cook Cooper Cox Davies Davis Dawson
Dixon Edwards Ellis Evans Fisher Fletcher Foster Fox Gibson Graham Gray Green Griffiths
Hall Harris Harrison Harvey Hill Holmes Hughes Hunt Hussain Jackson James Jenkins
Johnson Jones Kelly Kennedy Khan King Knight Lee Lewis Lloyd Marshall Martin Mason
Matthews Miller Mills Mitchell Moore Morgan Morris Murphy Murray Owen Palmer Parker
Patel Pearson Phillips Poole Powell Price Richards Richardson Roberts Robinson Rogers
Russell Scott Shaw Simpson Smith Stevens Stewart Taylor Thomas Thompson Turner Walker
Ward Watson Webb Wells White Wilkinson Williams Wilson Wood Wright Young
""")

COUNCIL_PARTS = (
    ("Ash", "Bram", "Brin", "Cal", "Corr", "Dun", "Elm", "Fen", "Gal", "Hal", "Kel", "Lang",
     "Mar", "Nor", "Pen", "Quen", "Ran", "Sel", "Tam", "Thorn", "Ull", "Wen", "Wyn", "Yar",
     "Bel", "Cran", "Dal", "Fal", "Glen", "Holm", "Kirk", "Lin", "Mel", "Ock", "Pel", "Rud",
     "Sax", "Trel", "Ver", "Wix"),
    ("", "ing", "er", "en", "el", "ow"),
    ("ford", "ton", "bury", "ham", "ley", "wick", "field", "mouth", "worth", "by", "stead",
     "combe", "dale", "gate", "hurst", "minster", "more", "port", "stow", "well"),
)
PROVIDER_PARTS = (
    ("Amber", "Aspen", "Birch", "Bright", "Clear", "Copper", "Cross", "Day", "Fair", "Fern",
     "Gold", "Green", "Hazel", "High", "Ivy", "Lark", "Long", "Meadow", "Moor", "North",
     "Oak", "Pine", "Rain", "River", "Rose", "Silver", "Stone", "Sun", "Swan", "Wild"),
    ("", "ly", "er", "en"),
    ("brook", "croft", "dene", "fold", "gate", "haven", "holt", "lea", "mere", "mount",
     "ridge", "shaw", "side", "thwaite", "vale", "way", "well", "wood"),
)
SERVICES = ("Care", "Children's Services", "Residential Care", "Childcare", "Care Homes",
            "Care Group", "Family Care", "Young People's Services", "Care Solutions",
            "Care Services", "Therapeutic Care", "Healthcare")
STREETS = ("Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Court")
SETTING_WORDS = {
    "independent fostering agency": "Fostering",
    "voluntary adoption agency": "Adoption",
    "adoption support agency": "Adoption Support",
    "residential family centre": "Family Centre",
    "boarding school": "School",
    "residential special school": "School",
    "further education college with residential accommodation": "College",
    "residential holiday scheme for disabled children": "Holiday Scheme",
    "secure training centre": "Secure Training Centre",
}


def _word(parts: tuple[tuple[str, ...], ...], index: tuple[int, ...]) -> str:
    return "".join(p[i] for p, i in zip(parts, index, strict=True))


def unique_words(rng: random.Random, n: int, parts: tuple[tuple[str, ...], ...]) -> list[str]:
    """``n`` distinct invented words from the syllable ``parts``, in a seeded order;
    numbered ("Ashford 2") once the combinations run out."""
    combos = list(itertools.product(*(range(len(p)) for p in parts)))
    rng.shuffle(combos)
    words: list[str] = []
    seen: set[str] = set()
    for round_ in itertools.count(1):
        for combo in combos:
            word = _word(parts, combo)
            word = word if round_ == 1 else f"{word} {round_}"
            if word not in seen:
                seen.add(word)
                words.append(word)
                if len(words) == n:
                    return words
    return words  # pragma: no cover - itertools.count never ends


def provider_names(rng: random.Random, n: int) -> list[str]:
    """``n`` fictional organisations whose matching keys (legal suffix dropped) differ."""
    words = unique_words(rng, max(1, (n + len(SERVICES) - 1) // len(SERVICES) * 2),
                         PROVIDER_PARTS)
    out = []
    for i in range(n):
        word, service = words[i // len(SERVICES)], SERVICES[(i * 7) % len(SERVICES)]
        legal = rng.choices(("Limited", "Ltd", ""), (0.6, 0.35, 0.05))[0]
        out.append(" ".join(x for x in (word, service, legal) if x))
    return out


def person_name(rng: random.Random) -> str:
    """A common given name and surname (different people may share one)."""
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"


def address(rng: random.Random, town: str) -> tuple[str, str, str]:
    """A fictional (address line, town, postcode); postcodes use the unused area ZZ99."""
    street = f"{rng.randint(1, 199)} {rng.choice(PROVIDER_PARTS[0])} {rng.choice(STREETS)}"
    code = f"ZZ99 {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
           f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    return street, town, code
