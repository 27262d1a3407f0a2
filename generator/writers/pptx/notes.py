"""Speaker notes pages for a deck's slides, each made from the first one instead of from the master.

python-pptx builds every notes page by cloning the notes master's placeholders and finds its
part name by walking the whole package, which makes notes the costliest part of a slide. A new
notes page is the same XML for every slide, so the first one (made by python-pptx) is copied
for the others, with the part name python-pptx would have chosen.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart

NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


class NotesPages:
    """Makes the (empty) notes page of each new slide of one deck being written."""

    def __init__(self) -> None:
        self._blank = None
        self._taken: set[str] = set()

    def notes_for(self, slide):
        """The notes page of `slide`, a new slide without one."""
        if self._blank is None:
            notes = slide.notes_slide
            self._blank = copy.deepcopy(notes._element)
            prefix = NOTES_PARTNAME.split("%")[0]
            self._taken = {str(part.partname) for part in slide.part.package.iter_parts()
                           if str(part.partname).startswith(prefix)}
            return notes
        package, slide_part = slide.part.package, slide.part
        part = NotesSlidePart(self._next_partname(), CONTENT_TYPE.PML_NOTES_SLIDE, package,
                              copy.deepcopy(self._blank))
        part.relate_to(package.presentation_part.notes_master_part, RELATIONSHIP_TYPE.NOTES_MASTER)
        part.relate_to(slide_part, RELATIONSHIP_TYPE.SLIDE)
        slide_part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
        return slide.notes_slide

    def _next_partname(self) -> PackURI:
        """The highest free number up to one past the pages there are, as python-pptx numbers parts."""
        for number in range(len(self._taken) + 1, 0, -1):
            name = NOTES_PARTNAME % number
            if name not in self._taken:
                self._taken.add(name)
                return PackURI(name)
        raise AssertionError("no free notes part name")
