"""Which sentences of a piece's body can go out alone under the brand's name, and which first.

    units.py       the body as units: sentences with their place (lede, topic sentence) and list items
    standalone.py  why a sentence needs its neighbours (connector, pronoun, dialogue, first person, credits)
    speech.py      reported speech with a named speaker, as a quote with its attribution
    dated.py       sentences that carry a moment (aujourd'hui, this week, le 12 novembre)
    announcing.py  titles and summaries that announce a day or a month (never recycled)
    summaries.py   an author's summary as a post: whether it stands alone, the promise it ends on cut
    salience.py    how much a sentence says what the piece is about (key terms, facts, place)
    lexicon.py     the French and English words these rules read

Rules, not a parser: they run on every piece at every plan. Languages other than French and English get
the language-neutral rules only (dialogue, quotation balance, figures).
"""
