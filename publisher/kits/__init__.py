"""Share kits: company pieces shared by employees under their own names (social selling).

    mkdocs.yml 'ambassadors' ──> Ambassador (publisher.content.ambassadors)
                                      │
    Piece ──excerpts──> texts.py (voice.py: first person, one question, fitted per network)
      │                      └──> /share/<folder>/<slug>/  (publisher.site.kits + theme/kit.html, kit.js)
      └──> digest.py ──> Markdown + e-mail.py HTML, with ambassadors.py's personal links (?a=<key>)

    links shared from a kit: utm_medium=advocacy & utm_content=<key> (links.py)
      ──> analytics export ──> `publisher analytics import` ──> advocacy leaderboard in `publisher report`
"""
