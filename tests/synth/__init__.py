"""Generated corpus of budget-performance forms: the measuring instrument for reading forms in
every rendition (one cell per line, TSV, Word, PDF, scans).

``corpus.make_document(seed, index)`` draws a document (family, style, 1–3 forms, a narrative,
maybe one planted arithmetic error) from the form model (``model``); ``gold`` writes its gold in
the eval format, ``render_text`` / ``render_office`` its renditions, ``write`` puts both on
disk, ``report`` folds eval outcomes per rendition × family.  See docs/corpus.md.
"""
