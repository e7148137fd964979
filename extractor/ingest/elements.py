"""unstructured elements for blocks that were rebuilt outside unstructured.

Pasted text, text-layer PDFs and scans get their grids from our own readers (they keep spans and
character offsets unstructured would lose); they still hand on the same unstructured elements as
Word/Excel/HTML — Table with ``text_as_html`` and Text — so chunking and context work alike for
every format, and each grid records the id of its element.
"""

from __future__ import annotations

from typing import Any

from extractor.grid import Block, Grid
from extractor.ingest.offline import ensure_offline


def elements_for_blocks(blocks: list[Block], source: str) -> list[Any]:
    ensure_offline()
    from unstructured.documents.elements import ElementMetadata, Table, Text, assign_and_map_hash_ids

    from extractor.ingest.html_table import grid_to_html

    elements: list[Any] = []
    for block in blocks:
        if isinstance(block, Grid):
            text = " ".join(c.clean for row in block.rows for c in row if not c.is_blank)
            meta = ElementMetadata(filename=source, page_number=block.page, text_as_html=grid_to_html(block))
            elements.append(Table(text, metadata=meta))
        else:
            elements.append(Text(block.text, metadata=ElementMetadata(filename=source, page_number=block.page)))
    elements = assign_and_map_hash_ids(elements)
    for block, element in zip(blocks, elements, strict=True):
        if isinstance(block, Grid):
            block.element_id = element.id
    return elements
