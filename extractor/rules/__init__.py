"""The deterministic extractor's section readers: map a form's rows onto its schema, no model needed.

Every section reader works by header vocabulary; each value keeps its cell reference and a
confidence, and layout doubts are reported as ``LAYOUT_*`` findings rather than guessed silently.
Which reader reads a form is decided by the layout registry (``extractor.layouts``); ``table``
is the generic reader most layouts share.
"""
