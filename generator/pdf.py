"""PDF conversion with LibreOffice, isolated and checked.

`soffice` exits 0 even when it could not load a file, so a conversion counts only when the
PDF exists and has pages. Each conversion gets its own user profile (parallel runs otherwise
block each other) and its own process group, killed whole on timeout.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180


class ConversionError(Exception):
    """A document could not be turned into a PDF; the message says why."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(source: Path, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The PDF of `source` (.pptx or .docx) as bytes."""
    program = soffice_path()
    if program is None:
        raise ConversionError("LibreOffice is not installed: the program 'soffice' was not found on PATH "
                              "(Debian: apt-get install libreoffice-impress libreoffice-writer)")
    with tempfile.TemporaryDirectory(prefix="barometer-pdf-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work_dir), str(Path(source).resolve())]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True, env={**os.environ, "HOME": work})
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(f"LibreOffice did not finish converting {Path(source).name} "
                                  f"within {timeout:g} seconds") from None
        pdf = work_dir / (Path(source).stem + ".pdf")
        if not pdf.is_file() or pdf_page_count(pdf.read_bytes()) == 0:
            said = output.decode("utf-8", "replace").strip().splitlines()[-1:] if output else []
            raise ConversionError(f"LibreOffice could not convert {Path(source).name}"
                                  + (f": {said[0]}" if said else ""))
        return pdf.read_bytes()


def pdf_page_count(content: bytes) -> int:
    """The number of pages of a PDF, from its page tree (pdfinfo when available)."""
    program = shutil.which("pdfinfo")
    if program:
        result = subprocess.run([program, "-"], input=content, capture_output=True)
        match = re.search(rb"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
        if result.returncode == 0 and match:
            return int(match.group(1))
        return 0
    return len(re.findall(rb"/Type\s*/Page[^s]", content))
