"""Forms whose text arrived run together: cells fused without separators (web excerpts, OCR).

Such a text keeps the form's words in order but no cell or row breaks, so the section structure is
recovered from header vocabulary (labels, column headers, 一级/二级 words) and the values are split
by what each column may hold (see ``rows`` and ``numbers``).  ``chunks`` hands the forms to the
segmenter; ``extractor.rules.fused`` reads them.
"""
