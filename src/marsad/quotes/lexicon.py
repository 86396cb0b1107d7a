"""Words the quote finder and the speaker finder look for (reporting verbs, participles and
nouns, attributions, prepositions and the small word classes the rules need) and the token
windows they look within."""

from __future__ import annotations

from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word, word_set

# Reporting verbs in the forms news uses (past, present, feminine, plural) and
# the participles that attach a further quote to the same speaker.
VERBS = word_set(
    """قال قالت قالوا يقول تقول يقولون أكد أكدت أكدوا يؤكد تؤكد أوضح أوضحت يوضح أشار أشارت يشير تشير أضاف أضافت
    يضيف تضيف صرح صرحت لفت لفتت اعتبر اعتبرت يعتبر تعتبر رأى رأت يرى ترى شدد شددت نفى نفت ينفي تنفي حذر حذرت يحذر
    تحذر طالب طالبت أعلن أعلنت يعلن تعلن تابع تابعت ذكر ذكرت يذكر تذكر كشف كشفت أفاد أفادت زعم زعمت ادعى ادعت
    أبلغ أبلغت أعرب أعربت اتهم اتهمت يتهم تتهم دعا دعت وصف وصفت يصف تصف توعد ندد نددت كتب كتبت غرد غردت
    أردف أردفت استطرد أوردت أورد نقل نقلت أقر أقرت رجح رجحت توقع توقعت قالا أكدا تساءل تساءلت نبه نبهت
    أخبر أخبرت طلب طلبت طلبوا يزعم تزعم يزعمون خلص خلصت توصل توصلت تعهد تعهدت نوه نوهت علق علقت قرر
    قررت أعلنوا اعتبروا أصر أصرت يصر تصر أصروا قالتا أكدتا شددا شددتا أشارا أشارتا أضافا أضافتا أوضحا أوضحتا
    أعلنا أعلنتا"""
)
PARTICIPLES = word_set(
    "مشيرا مشيرة مضيفا مضيفة مؤكدا مؤكدة موضحا موضحة معتبرا معتبرة لافتا لافتة محذرا محذرة مشددا مشددة قائلا قائلة"
    " زاعما زاعمة منوها منوهة"
)
NOUNS = word_set("قوله قولها القول تصريح تصريحات بيان حوار مقابلة رسالة تغريدة")
# verbs that take a quoted word or phrase as their object: وصفه بـ"…"، نددت بـ"…"
FRAGMENT_VERBS = word_set("وصف وصفت وصفه وصفها يصف تصف ندد نددت استنكر استنكرت توعد نعت اتهم اتهمت يتهم تتهم نفى نفت")
FRAGMENT_LEADS = word_set("بـ ب كـ ك أي بأنه بأنها بوصفه")
FRAGMENT_REACH = 8  # tokens between a fragment's verb and its marks (اتهمت الوزارة، الثلاثاء، الفلسطينيين بـ"…")
ATTRIBUTIONS = word_set("بحسب حسب وفق وفقا حسبما")
COMPLEMENTISERS = word_set("أن إن")
QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
MIN_DIRECT_WORDS = 3
NEXT_CUE_REACH = 3  # tokens after a comma in which a new cue ends the reported clause before it
ATTRIBUTION_TAIL = 10  # tokens from an attribution (، وفق X) to the end of its sentence
CUE_WINDOW = 20  # tokens between a cue and its quote (a speaker with a long title fits)
SPEAKER_LABELS = ("PER", "ORG")
SUBJECT_WINDOW = 16  # tokens after a cue in which its subject is looked for
CLAUSE_WINDOW = 60  # tokens before a participle in which its clause's subject is looked for
PREPOSITIONS = word_set("إلى في مع عن على أمام لدى من عبر ضد مخاطبا مخاطبة")  # and who is addressed
RELAY_VERBS = word_set("نقل نقلت ينقل تنقل")
CUES_BEFORE_COMPLEMENTISER = word_set("بين بينت")
# a document as a subject (وأضاف البيان) speaks for its issuer: the speaker goes on
DOCUMENTS = word_set("البيان بيان التقرير تقرير الكتاب كتاب الرسالة رسالة الوثيقة وثيقة المذكرة مذكرة البرقية برقية")
ISSUED_DOCUMENTS = word_set("بيانا بيان تقريرا رسالة تصريحا تغريدة")  # أصدر X بيانا قال فيه
# words between a cue and its subject that are not the subject
ADVERBS = word_set(
    "أيضا كذلك مجددا حينها لاحقا بدوره بدورها وقتها آنذاك قد فيما هو هي هم إنه أنه إنها أنها له لها لهم"
    " ما من الذي التي الذين اللذين اللتين اللواتي"
)
QUOTE_MARKS = frozenset('"«“')
# titles of a relation to someone else: the person right after them is that someone
RELATIONAL_TITLES = word_set("محامي محامية المحامي مستشار مستشارة المستشار مساعد مساعدة نائب نائبة زوجة زوج ابن ابنة")
NAME_HEADS = word_set(
    "صحيفة الصحيفة جريدة الجريدة وكالة الوكالة قناة القناة موقع الموقع مجلة المجلة شبكة الشبكة"
    " إذاعة برنامج البرنامج عملية العملية حملة الحملة مؤتمر منتدى كتاب الكتاب فيلم الفيلم حزب حركة"
    " منظمة جماعة تنظيم ائتلاف تحالف مجموعة هاشتاغ وسم"
)
# particles before a sentence's topic (لكن محللين يقولون، إلا أن اللجنة ردت)
TOPIC_PARTICLES = word_set("إلا أن لكن ولكن غير كما كان كانت وكان وكانت بينما فيما")
NOUN_SOURCE_REACH = 3  # tokens from a statement noun to its عن (بيان صادر عن الشرطة)
NAMELESS_WORDS = 4  # the longest nameless subject taken (وسائل إعلام رسمية سورية)


def is_cue(form: WordForm) -> bool:
    return form.base in VERBS or form.base in PARTICIPLES or form.base in NOUNS or form.norm in VERBS


def is_cue_at(forms: list[WordForm], k: int) -> bool:
    """A cue, or a verb that is one only before its complementiser (بين أن "made clear that";
    بين alone is "between")."""
    if forms[k].base in CUES_BEFORE_COMPLEMENTISER:
        return k + 1 < len(forms) and complementiser(forms[k + 1])
    return is_cue(forms[k])


def complementiser(form: WordForm) -> bool:
    """أن، إن، أنه، إنها، بأن، بأنه (the base of the token without its pronoun)."""
    return form.base in COMPLEMENTISERS or normalize_word(form.stem) in COMPLEMENTISERS
