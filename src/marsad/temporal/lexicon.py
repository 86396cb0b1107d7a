"""Words of Arabic temporal expressions, in matching form (hamza, final ى/ي, diacritics ignored)."""

from __future__ import annotations

from marsad.text.normalize import normalize_word


def _forms(table: dict[str, int]) -> dict[str, int]:
    out = {}
    for words, value in table.items():
        for w in words.split("|"):
            w = normalize_word(w)
            out[w] = value
            if not w.startswith("ال"):
                out["ال" + w] = value
    return out


WEEKDAYS = _forms(
    {
        "الاثنين|الإثنين|اثنين": 0,
        "الثلاثاء|ثلاثاء": 1,
        "الأربعاء|الاربعاء|أربعاء": 2,
        "الخميس|خميس": 3,
        "الجمعة|جمعة": 4,
        "السبت|سبت": 5,
        "الأحد|الاحد|أحد": 6,
    }
)
# "أحد"/"جمعة"/"اثنين" are also ordinary words ("one", "gathering", "two"): only
# these forms count as weekdays on their own, the others need يوم or a deictic.
SAFE_WEEKDAYS = frozenset(normalize_word(w) for w in "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split())

# Gregorian month names: Egyptian/Gulf (يناير), Levantine/Iraqi (كانون الثاني), Maghrebi (جانفي).
MONTHS_ONE_WORD = {
    normalize_word(w): m
    for m, names in enumerate(
        [
            "يناير جانفي",
            "فبراير فيفري شباط",
            "مارس آذار",
            "أبريل ابريل إبريل أفريل نيسان",
            "مايو ماي أيار",
            "يونيو يونيه جوان حزيران",
            "يوليو يوليه جويلية تموز",
            "أغسطس اغسطس أوت آب",
            "سبتمبر أيلول",
            "أكتوبر اكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
        start=1,
    )
    for w in names.split()
}
# two-word Levantine names, by their first word: كانون الثاني، تشرين الأول
MONTHS_TWO_WORDS = {
    normalize_word("كانون"): {
        normalize_word("الثاني"): 1,
        normalize_word("ثاني"): 1,
        normalize_word("الأول"): 12,
        normalize_word("أول"): 12,
    },
    normalize_word("تشرين"): {
        normalize_word("الأول"): 10,
        normalize_word("أول"): 10,
        normalize_word("الثاني"): 11,
        normalize_word("ثاني"): 11,
    },
}
# Words that are a month only next to a day number or a year (ماي is also a name).
AMBIGUOUS_MONTHS = frozenset(normalize_word(w) for w in "ماي آب أيار نيسان مارس".split())

HIJRI_MONTHS = {
    normalize_word(w): m
    for m, names in enumerate(
        ["محرم", "صفر", "ربيع_الأول", "ربيع_الثاني|ربيع_الآخر", "جمادى_الأولى", "جمادى_الآخرة|جمادى_الثانية",
         "رجب", "شعبان", "رمضان", "شوال", "ذو_القعدة", "ذو_الحجة"],
        start=1,
    )
    for w in names.replace("_", " ").split("|")
}  # fmt: skip

UNITS = {
    normalize_word(w): unit
    for unit, words in {
        "D": "يوم يوما أيام ايام",
        "W": "أسبوع أسبوعا أسابيع",
        "M": "شهر شهرا أشهر شهور",
        "Y": "عام عاما أعوام سنة سنوات سنين",
        "H": "ساعة ساعات",
        "MIN": "دقيقة دقائق",
        "DEC": "عقد عقود",
    }.items()
    for w in words.split()
}
DUALS = {
    normalize_word(w): unit
    for unit, words in {
        "D": "يومين",
        "W": "أسبوعين",
        "M": "شهرين",
        "Y": "عامين سنتين",
        "H": "ساعتين",
        "MIN": "دقيقتين",
        "DEC": "عقدين",
    }.items()
    for w in words.split()
}
PERIOD_NOUNS = {normalize_word(w): u for w, u in {"الأسبوع": "W", "الشهر": "M", "العام": "Y", "السنة": "Y"}.items()}
PAST = frozenset(normalize_word(w) for w in "الماضي الماضية المنصرم المنصرمة السابق السابقة الفائت الفائتة".split())
NEXT = frozenset(normalize_word(w) for w in "المقبل المقبلة القادم القادمة".split())
CURRENT = frozenset(normalize_word(w) for w in "الحالي الحالية الجاري الجارية الحاضر".split())
THIS = frozenset(normalize_word(w) for w in "هذا هذه".split())
PARTS = frozenset(normalize_word(w) for w in "نهاية أواخر بداية مطلع أوائل مستهل منتصف أواسط بقية".split())
DAY_PARTS = frozenset(normalize_word(w) for w in "صباح مساء ليل ليلة فجر ظهر عصر".split())
DEICTIC_DAYS = {normalize_word("أمس"): -1, normalize_word("الأمس"): -1, normalize_word("البارحة"): -1,
                normalize_word("اليوم"): 0, normalize_word("غدا"): 1, normalize_word("الغد"): 1}  # fmt: skip
DAY_WORDS = frozenset(normalize_word(w) for w in "يوم اليوم".split())
YEAR_WORDS = frozenset(normalize_word(w) for w in "عام العام سنة السنة العامين".split())
MONTH_WORDS = frozenset(normalize_word(w) for w in "شهر".split())
SEASONS = {normalize_word(w): s for w, s in {"الربيع": "SP", "الصيف": "SU", "الخريف": "FA", "الشتاء": "WI",
                                            "ربيع": "SP", "صيف": "SU", "خريف": "FA", "شتاء": "WI"}.items()}  # fmt: skip
SETS = {normalize_word(w): p for w, p in {"يوميا": "P1D", "أسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}.items()}
EVERY = normalize_word("كل")
AGO = normalize_word("قبل")
SINCE = normalize_word("منذ")
AGE_CUES = frozenset(normalize_word(w) for w in "( عمر العمر عمره عمرها البالغ البالغة يبلغ تبلغ سن عن".split())
AFTER = normalize_word("بعد")
UNTIL = normalize_word("حتى")
DURATION_LEADS = frozenset(normalize_word(w) for w in "خلال لمدة مدة طوال طيلة".split())
OVER = (normalize_word("على"), normalize_word("مدى"))
APPROXIMATORS = frozenset(normalize_word(w) for w in "نحو حوالي قرابة زهاء".split())
MORE_THAN = (normalize_word("أكثر"), normalize_word("من"))
OF = normalize_word("من")
HIJRI_MARK = frozenset(normalize_word(w) for w in "هـ ه هجري هجرية للهجرة".split())

NUMBER_WORDS = {
    normalize_word(w): n
    for n, words in {
        1: "واحد واحدة",
        2: "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي",
        3: "ثلاثة ثلاث",
        4: "أربعة أربع",
        5: "خمسة خمس",
        6: "ستة ست",
        7: "سبعة سبع",
        8: "ثمانية ثماني ثمان",
        9: "تسعة تسع",
        10: "عشرة عشر",
        11: "أحد_عشر إحدى_عشرة",
        12: "اثنا_عشر اثني_عشر اثنتا_عشرة",
        20: "عشرون عشرين",
        30: "ثلاثون ثلاثين",
        40: "أربعون أربعين",
        50: "خمسون خمسين",
        60: "ستون ستين",
        70: "سبعون سبعين",
        80: "ثمانون ثمانين",
        90: "تسعون تسعين",
        100: "مئة مائة",
        1000: "ألف",
    }.items()
    for w in words.replace("_", " ").split()
    if " " not in w
}
ORDINALS = {
    normalize_word(w): n
    for n, words in {
        1: "الأول الأولى أول",
        2: "الثاني الثانية",
        3: "الثالث الثالثة",
        4: "الرابع الرابعة",
        5: "الخامس الخامسة",
        6: "السادس السادسة",
        7: "السابع السابعة",
        8: "الثامن الثامنة",
        9: "التاسع التاسعة",
        10: "العاشر العاشرة",
        20: "العشرين العشرون",
        30: "الثلاثين",
    }.items()
    for w in words.split()
}
TEENS_ORDINAL = normalize_word("عشر")  # الحادي عشر، الثالث عشر
